// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ComponentProps } from 'svelte';
import type FacilitatorApp from '../../src/app/facilitator/FacilitatorApp.svelte';
import { OUTCOME_INFO } from '../../src/lib/engine/ledger.ts';
import type { ExportFile } from '../../src/lib/facilitator/export.ts';
import { memoryStorage, SessionStore } from '../../src/lib/facilitator/persist.ts';
import { axeViolations } from '../support/axe.ts';
import Harness from './Harness.svelte';
import { ChannelHub, fakeClock, scenario } from './support.ts';

type Props = ComponentProps<typeof FacilitatorApp>;

// New sessions draw their seed from Math.random. This value gives a seed whose shuffle happens to keep
// the fake scenario's file order at every scene, so the letters below read A–D in file order; the
// machine's own tests check that other seeds shuffle.
beforeEach(() => {
  vi.spyOn(Math, 'random').mockReturnValue(0.07188);
  return () => vi.restoreAllMocks();
});

/** The vote panel of the control view (its heading ends in "decides"). */
const votePanel = () => within(screen.getByRole('region', { name: /decides$/ }));

/** One browser: shared storage, a shared channel hub, one clock; each render is a window. */
function browser() {
  const clock = fakeClock();
  const store = new SessionStore(memoryStorage(), clock.now);
  const hub = new ChannelHub();
  const files: ExportFile[] = [];
  const s = scenario();
  const sessions: (string | null)[] = [];
  const open = (props: Partial<Props> & { otherWindow?: boolean } = {}) =>
    render(Harness, {
      props: {
        scenario: s,
        store,
        channel: hub.factory,
        clock,
        download: (f: ExportFile) => files.push(f),
        onsession: (id: string | null) => sessions.push(id),
        ...props,
      },
    });
  return { clock, store, hub, files, open, sessions, scenario: s };
}

async function startNewSession(user: ReturnType<typeof userEvent.setup>, mode = 'The room plays the employer') {
  await user.click(screen.getByRole('radio', { name: mode }));
  await user.click(screen.getByRole('button', { name: 'Start a new session' }));
}

describe('<FacilitatorApp> control view', { timeout: 30_000 }, () => {
  it('starts a session from the lobby and is accessible there', async () => {
    const { open, sessions } = browser();
    const user = userEvent.setup();
    const { container } = open();
    expect(screen.getByRole('heading', { level: 1, name: 'Facilitate: A short call' })).toBeInTheDocument();
    expect(screen.getAllByRole('radio').map((r) => r.closest('label')!.textContent!.trim())).toEqual([
      'The room plays the employer',
      'The room plays the candidate',
      'Two teams: one plays the employer, one the candidate',
    ]);
    expect(await axeViolations(container)).toEqual([]);
    await startNewSession(user);
    expect(screen.getByRole('heading', { level: 1, name: 'Facilitating: A short call' })).toBeInTheDocument();
    expect(sessions).toHaveLength(1);
    // A button among buttons, that opens the presenter in a new window (cut off from this one).
    const opened = { opener: window } as unknown as Window;
    const windowOpen = vi.spyOn(window, 'open').mockReturnValue(opened);
    const presenter = screen.getByRole('button', { name: 'Open the presenter window' });
    expect(presenter).toHaveAccessibleDescription('Opens in a new window.');
    await user.click(presenter);
    expect(windowOpen).toHaveBeenCalledWith(`#/facilitate/fake-call/presenter?session=${sessions[0]}`, '_blank');
    expect(opened.opener).toBeNull();
    // A blocked pop-up is said in words, with the way round it.
    windowOpen.mockReturnValue(null);
    presenter.focus();
    await user.keyboard(' ');
    expect(screen.getByRole('alert')).toHaveTextContent('The browser blocked the presenter window. Allow pop-ups for this page, or present from this window.');
    windowOpen.mockRestore();
    await user.click(screen.getByRole('button', { name: 'Start the session' }));
    expect(screen.getByRole('heading', { name: 'The room decides' })).toBeInTheDocument();
  });

  it('runs a decision: open the vote, count hands and clicks, close it, reveal, move on', async () => {
    const { open } = browser();
    const user = userEvent.setup();
    const { container } = open();
    await startNewSession(user);
    await user.click(screen.getByRole('button', { name: 'Start the session' }));
    await user.click(screen.getByRole('button', { name: 'Open the vote' }));
    const onTime = screen.getByRole('spinbutton', { name: /Call on time/ });
    await user.clear(onTime);
    await user.type(onTime, '5');
    await user.tab();
    await user.click(screen.getByRole('button', { name: 'One more vote for Call ten minutes late' }));
    await user.keyboard('2'); // the key for option B adds one more
    expect(screen.getByRole('spinbutton', { name: /Call ten minutes late/ })).toHaveValue(2);
    expect(screen.getByText('7 votes counted.')).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Close the vote' }));
    expect(votePanel().getByText(/Chosen:/).textContent).toBe('Chosen: Call on time, by the vote.');
    await user.click(screen.getByRole('button', { name: 'Reveal what it did' }));
    await user.click(screen.getByRole('button', { name: 'Next scene' }));
    // The simulated candidate's answer, then the room's second decision.
    expect(screen.getByText('The room sees:').parentElement!.textContent).toBe('The room sees: Tomás describes a phishing alert, step by step.');
    expect(screen.getByText(/private decision/).parentElement!.textContent).toContain('Walk through a real alert');
    await user.click(screen.getByRole('button', { name: 'Next scene' }));
    expect(screen.getByRole('heading', { name: /Scene 3/ })).toBeInTheDocument();
    expect(screen.getByText('The call winds down.')).toBeInTheDocument();
  });

  it('states the tie rule and lets the facilitator pick among the tied options', async () => {
    const { open } = browser();
    const user = userEvent.setup();
    open();
    await startNewSession(user);
    await user.click(screen.getByRole('button', { name: 'Start the session' }));
    await user.click(screen.getByRole('button', { name: 'Open the vote' }));
    await user.click(screen.getByRole('button', { name: 'One more vote for Call ten minutes late' }));
    await user.click(screen.getByRole('button', { name: 'One more vote for Open with a snide remark' }));
    await user.click(screen.getByRole('button', { name: 'Close the vote' }));
    expect(screen.getByText(/A tie/).parentElement!.textContent).toContain('When options tie for the most votes, the facilitator decides among them.');
    expect(screen.queryByRole('button', { name: 'Go with “Call on time”' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Go with “Open with a snide remark”' }));
    expect(votePanel().getByText(/Chosen:/).textContent).toBe('Chosen: Open with a snide remark, by the facilitator, breaking a tie.');
  });

  it('records an override with its reason', async () => {
    const { open } = browser();
    const user = userEvent.setup();
    open();
    await startNewSession(user);
    await user.click(screen.getByRole('button', { name: 'Start the session' }));
    await user.click(screen.getByRole('button', { name: 'Open the vote' }));
    await user.click(screen.getByRole('button', { name: 'One more vote for Call on time' }));
    await user.click(screen.getByRole('button', { name: 'Close the vote' }));
    await user.click(screen.getByText('Override the vote'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Option' }), 'D: Start with a hard question');
    await user.type(screen.getByRole('textbox', { name: 'Reason (optional)' }), 'nobody picked it');
    await user.click(screen.getByRole('button', { name: 'Choose this option' }));
    expect(votePanel().getByText(/Chosen:/).textContent).toBe(
      'Chosen: Start with a hard question, by the facilitator, overriding the vote (nobody picked it).',
    );
  });

  it('shows the timer, pauses it with T, and says when time is up', async () => {
    const { open, clock } = browser();
    const user = userEvent.setup();
    open();
    await startNewSession(user);
    await user.click(screen.getByRole('button', { name: 'Start the session' }));
    const timer = () => screen.getByRole('timer', { name: 'Time left' });
    expect(timer().textContent).toContain('3:00');
    expect(timer().textContent).toContain('not started');
    await user.click(screen.getByRole('button', { name: 'Open the vote' }));
    clock.advance(30_000);
    flushSync();
    expect(timer().textContent).toContain('2:30');
    await user.keyboard('t');
    expect(screen.getByRole('button', { name: 'Resume' })).toBeInTheDocument();
    clock.advance(60_000);
    flushSync();
    expect(timer().textContent).toContain('2:30');
    await user.keyboard('t');
    clock.advance(151_000);
    flushSync();
    expect(timer().textContent).toContain('time is up');
    await user.click(screen.getByRole('button', { name: '+1 minute' }));
    expect(timer().textContent).toContain('0:59');
  });

  it('plays to the end, reports the path, votes and outcome, and saves each export', async () => {
    const { open, files } = browser();
    const user = userEvent.setup();
    const { container } = open();
    await startNewSession(user);
    await user.click(screen.getByRole('button', { name: 'Start the session' }));
    await vote(user, 'Call ten minutes late', 3);
    await user.click(screen.getByRole('button', { name: 'Next scene' })); // the simulated answer
    await vote(user, 'End the call abruptly', 2);
    await user.click(screen.getByRole('button', { name: 'Reveal the debrief' }));
    const report = screen.getByRole('region', { name: 'Session report' });
    expect(within(report).getByText(OUTCOME_INFO.noFit.title)).toBeInTheDocument();
    const path = within(report).getAllByRole('table')[0]!;
    expect(
      within(path)
        .getAllByRole('row')
        .slice(1)
        .map((r) => within(r).getAllByRole('cell')[3]!.textContent),
    ).toEqual(['Call ten minutes late', 'Answer in generalities', 'End the call abruptly']);
    expect(within(report).getByRole('table', { name: /Decision 1: The room, step 1, 3 votes/ })).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
    for (const name of ['Save as Markdown', 'Save as CSV', 'Save as JSON']) await user.click(within(report).getByRole('button', { name }));
    expect(files.map((f) => f.filename.split('.').pop())).toEqual(['md', 'csv', 'json']);
    for (const f of files) {
      expect(f.text).toContain('Call ten minutes late');
      expect(f.text).toContain('End the call abruptly');
      expect(f.text).toMatch(/noFit|Neither side likes the other/);
    }
    expect(screen.getByRole('status').textContent).toMatch(/^Saved fake-call-session-.*\.json\.$/);
  });

  it('lists past sessions, reopens one and removes one after a confirmation', async () => {
    const { open } = browser();
    const user = userEvent.setup();
    open();
    await startNewSession(user);
    await user.click(screen.getByRole('button', { name: 'Start the session' }));
    await vote(user, 'Call on time', 1);
    await user.click(screen.getByRole('button', { name: '← Sessions' }));
    const list = screen.getByRole('region', { name: 'Past sessions' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(within(list).getByText(/In progress/)).toBeInTheDocument();
    await user.click(within(list).getByRole('button', { name: /^Resume/ }));
    expect(screen.getByText('The room sees:')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '← Sessions' }));
    await user.click(screen.getByRole('button', { name: /^Remove the session/ }));
    await user.click(screen.getByRole('button', { name: /^Confirm: remove/ }));
    expect(screen.getByText(/No sessions of this scenario yet/)).toBeInTheDocument();
  });

  it('explains an address with a bad session id instead of showing a blank screen', () => {
    const { open } = browser();
    open({ sessionId: 'no good!' });
    expect(screen.getByRole('alert').textContent).toMatch(/“no good!” is not a session id/);
    expect(screen.getByRole('button', { name: 'Start a new session' })).toBeInTheDocument();
  });

  it('tells the facilitator a saved session could not be read, and keeps the lobby working', () => {
    const { open, store } = browser();
    store.storage.setItem('osotd:v1:facilitator:session:broken-1', '{oops');
    open();
    expect(screen.getByRole('alert').textContent).toMatch(/"broken-1" could not be read \(it is not valid JSON\)\. It was set aside/);
    expect(screen.getByRole('button', { name: 'Start a new session' })).toBeInTheDocument();
  });
});

describe('<FacilitatorApp> presenter view', { timeout: 30_000 }, () => {
  it('shows the scene and the options, no ledgers or spoilers, until the facilitator reveals them', async () => {
    const { open, sessions } = browser();
    const user = userEvent.setup();
    const control = open({ otherWindow: true });
    await startNewSession(user);
    const presenter = open({ view: 'presenter', sessionId: sessions[0]! });
    const screenView = within(presenter.container);
    const controls = within(control.container);
    expect(screenView.getByRole('heading', { level: 1, name: 'A short call' })).toBeInTheDocument();
    expect(screenView.getByText('Starting soon.')).toBeInTheDocument();
    await user.click(controls.getByRole('button', { name: 'Start the session' }));
    expect(screenView.getByRole('heading', { name: 'The room, what do you do?' })).toBeInTheDocument();
    expect(screenView.getAllByRole('listitem').map((li) => li.textContent!.trim())).toEqual([
      'A Call on time',
      'B Call ten minutes late',
      'C Open with a snide remark',
      'D Start with a hard question',
    ]);
    expect(screenView.queryByText(/Feedback on/)).toBeNull();
    expect(screenView.queryByRole('region', { name: /sees the/ })).toBeNull();
    expect(await axeViolations(presenter.container)).toEqual([]);

    await user.click(controls.getByRole('button', { name: 'Open the vote' }));
    expect(screenView.getByRole('timer', { name: 'Time left' }).textContent).toContain('3:00');
    for (let i = 0; i < 3; i++) await user.click(controls.getByRole('button', { name: 'One more vote for Start with a hard question' }));
    await user.click(controls.getByRole('button', { name: 'One more vote for Call on time' }));
    expect(screenView.queryByRole('figure')).toBeNull(); // no running tally while hands are counted
    await user.click(controls.getByRole('button', { name: 'Close the vote' }));
    const chart = screenView.getByRole('figure', { name: 'The vote: 4 votes' });
    expect(
      within(chart)
        .getAllByRole('listitem')
        .map((li) => li.textContent!.replace(/\s+/g, ' ').trim()),
    ).toEqual([
      'A Call on time 1 vote',
      'B Call ten minutes late 0 votes',
      'C Open with a snide remark 0 votes',
      'D Start with a hard question 3 votes chosen',
    ]);
    expect(screenView.queryByText(/Feedback on/)).toBeNull();
    expect(await axeViolations(presenter.container)).toEqual([]);

    await user.click(controls.getByRole('button', { name: 'Reveal what it did' }));
    expect(screenView.getByText('Feedback on: Start with a hard question')).toBeInTheDocument();
    expect(screenView.getByText("It moved the candidate's view of the employer by +1.")).toBeInTheDocument();
    await user.click(controls.getByRole('button', { name: 'Ledgers on the screen: hidden' }));
    expect(screenView.getByRole('region', { name: 'How the candidate sees the employer' })).toBeInTheDocument();
    expect(await axeViolations(presenter.container)).toEqual([]);
  });

  it('shows the room debrief with the votes at each step and the most popular other option', async () => {
    const { open, sessions } = browser();
    const user = userEvent.setup();
    const control = open({ otherWindow: true });
    await startNewSession(user, 'Two teams: one plays the employer, one the candidate');
    const presenter = open({ view: 'presenter', sessionId: sessions[0]! });
    const controls = within(control.container);
    await user.click(controls.getByRole('button', { name: 'Start the session' }));
    await vote(user, 'Call on time', 4, controls, 'Call ten minutes late', 1);
    await vote(user, 'Walk through a real alert', 2, controls);
    await vote(user, 'Explain the next steps warmly', 3, controls);
    await user.click(controls.getByRole('button', { name: 'Reveal the debrief' }));
    const debrief = within(presenter.container);
    expect(debrief.getByRole('heading', { level: 2, name: OUTCOME_INFO.mutualFit.title })).toBeInTheDocument();
    expect(
      debrief.getByRole('img', {
        name: /^Where the room's interview ended The employer's view of the candidate ended at \+2, the candidate's view of the employer at \+3/,
      }),
    ).toBeInTheDocument();
    expect(debrief.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Employer team: Call on time (4 of 5 votes) (the turning point)',
      'Candidate team: Walk through a real alert (2 of 2 votes)',
      'Employer team: Explain the next steps warmly (3 of 3 votes)',
    ]);
    expect(await axeViolations(presenter.container)).toEqual([]);

    // The facilitator walks the screen through the steps.
    await user.click(controls.getByRole('button', { name: 'First step' }));
    expect(debrief.getByRole('heading', { name: 'Step 1 of 3: the turning point' })).toBeInTheDocument();
    expect(debrief.getByRole('figure', { name: "The room's vote: 5 votes" })).toBeInTheDocument();
    expect(debrief.getByText(/“Call ten minutes late” \(1 vote\)/).textContent).toMatch(
      /would have moved the candidate's view of the employer by -1 and led to:/,
    );
    expect(debrief.getByText('What Tomás Okafor thought:').parentElement!.textContent).toBe('What Tomás Okafor thought: Thoughts on: Call on time');
    await user.click(controls.getByRole('button', { name: 'Next step' }));
    expect(debrief.getByRole('heading', { name: 'Step 2 of 3' })).toBeInTheDocument();
    expect(debrief.getByText('Candidate team:').parentElement!.textContent).toBe('Candidate team: Walk through a real alert');
    await user.selectOptions(controls.getByRole('combobox', { name: 'Go to step' }), 'Overview');
    expect(debrief.queryByRole('heading', { name: /^Step \d/ })).toBeNull();
    expect(debrief.getByRole('heading', { name: 'Step by step' })).toBeInTheDocument();
    expect(await axeViolations(presenter.container)).toEqual([]);
  });

  it('resumes after the presenter window reloads', async () => {
    const { open, sessions } = browser();
    const user = userEvent.setup();
    open();
    await startNewSession(user);
    await user.click(screen.getByRole('button', { name: 'Start the session' }));
    const first = open({ view: 'presenter', sessionId: sessions[0]! });
    first.unmount();
    const again = open({ view: 'presenter', sessionId: sessions[0]! });
    expect(within(again.container).getByRole('heading', { name: 'The room, what do you do?' })).toBeInTheDocument();
  });

  it('explains a presenter window opened without a session', () => {
    const { open } = browser();
    open({ view: 'presenter' });
    expect(screen.getByRole('alert').textContent).toBe('This presenter window has no session. Open it from the facilitator’s controls.');
  });
});

describe('<FacilitatorApp> single window', { timeout: 30_000 }, () => {
  it('shows the screen with the controls beside it, and C hides and shows the controls', async () => {
    const { open } = browser();
    const user = userEvent.setup();
    const { container } = open({ view: 'single' });
    await startNewSession(user);
    await user.click(screen.getByRole('button', { name: 'Start the session' }));
    expect(screen.getByRole('region', { name: 'The screen' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Controls' })).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
    await user.keyboard('c');
    expect(screen.queryByRole('region', { name: 'Controls' })).toBeNull();
    expect(within(screen.getByRole('region', { name: 'The screen' })).getByText('The call is due at ten.')).toBeInTheDocument();
    await user.keyboard('c');
    await user.click(screen.getByRole('button', { name: 'Open the vote' }));
    expect(screen.getByText('The vote is open: raise your hand for one option.')).toBeInTheDocument();
  });

  it('announces each change in a live region', async () => {
    const { open } = browser();
    const user = userEvent.setup();
    const { container } = open({ view: 'single' });
    await startNewSession(user);
    const live = container.querySelector('[aria-live="polite"]')!;
    await user.click(screen.getByRole('button', { name: 'Start the session' }));
    expect(live.textContent).toBe('Priya Raman, SOC manager: The call is due at ten. The room decides: 4 options.');
    await user.click(screen.getByRole('button', { name: 'Open the vote' }));
    expect(live.textContent).toBe('The vote is open.');
    await user.click(screen.getByRole('button', { name: 'One more vote for Call on time' }));
    await user.click(screen.getByRole('button', { name: 'Close the vote' }));
    expect(live.textContent).toBe('Chosen: Call on time, with 1 of 1 votes.');
  });
});

/** Open the vote, add `count` votes for `label` (and `more` for `other`), close, reveal, next scene. */
async function vote(user: ReturnType<typeof userEvent.setup>, label: string, count: number, scope = within(document.body), other?: string, more = 0) {
  await user.click(scope.getByRole('button', { name: 'Open the vote' }));
  for (let i = 0; i < count; i++) await user.click(scope.getByRole('button', { name: `One more vote for ${label}` }));
  for (let i = 0; i < more; i++) await user.click(scope.getByRole('button', { name: `One more vote for ${other}` }));
  await user.click(scope.getByRole('button', { name: 'Close the vote' }));
  await user.click(scope.getByRole('button', { name: 'Reveal what it did' }));
  await user.click(scope.getByRole('button', { name: 'Next scene' }));
}

describe('<FacilitatorApp> discussion prompts', { timeout: 30_000 }, () => {
  it("shows the author's own prompts for a scene first, then the general ones", async () => {
    const s = scenario();
    s.machine.states.start!.meta.prompts = ['Has anyone here been called late for an interview? How did it feel?'];
    const clock = fakeClock();
    const user = userEvent.setup();
    render(Harness, {
      props: {
        scenario: s,
        store: new SessionStore(memoryStorage(), clock.now),
        channel: new ChannelHub().factory,
        clock,
        download: () => {},
        onsession: () => {},
      },
    });
    await startNewSession(user);
    await user.click(screen.getByRole('button', { name: 'Start the session' }));
    const items = within(screen.getByRole('region', { name: 'Discussion' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items[0]).toBe('Has anyone here been called late for an interview? How did it feel?');
    expect(items.length).toBeGreaterThan(1);
  });
});
