// @vitest-environment jsdom
/**
 * "My progress": the learner's saved runs, replayed, summed up on a screen with pictures that have words,
 * saved as Markdown and printed. Two employer runs of the fake call: one opens with a snide remark (a
 * deal-breaker) and one calls late; both end the call abruptly.
 */
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import ProgressScreen from '../../src/app/learning/ProgressScreen.svelte';
import { playChoices } from '../../src/lib/engine/playthrough.ts';
import type { Scenario } from '../../src/lib/engine/schema.ts';
import { summariseProgress } from '../../src/lib/learning/progress.ts';
import { newRunRecord, type HistoryEntry, type RunRecord } from '../../src/lib/persistence/records.ts';
import { memoryStorage } from '../../src/lib/persistence/storage.ts';
import { SaveStore } from '../../src/lib/persistence/store.ts';
import { axeViolations } from '../support/axe.ts';
import { fake, LAZY, renderApp } from '../ui/harness.ts';

const scenario = fake();

function finishedRun(id: string, choices: string[], time: number): { run: RunRecord; entry: HistoryEntry } {
  const { actor, steps } = playChoices(scenario, 'employer', choices);
  const outcome = actor.getSnapshot().output!.outcome;
  actor.stop();
  const start = { scenarioId: scenario.id, scenarioTitle: scenario.title, seat: 'employer' as const, mode: 'coach' as const, seed: 1 };
  const run = { ...newRunRecord(start, id, time), choices, stepCount: steps.length, outcome };
  return { run, entry: { runId: id, scenarioId: scenario.id, scenarioTitle: scenario.title, seat: 'employer', outcome, finishedAt: time + 1000, choices: 2 } };
}

const runs = [finishedRun('r1', ['choice.rude', 'choice.curt'], 1_000), finishedRun('r2', ['choice.late', 'choice.curt'], 2_000)];
const progress = summariseProgress({
  runs: runs.map((r) => r.run),
  history: runs.map((r) => r.entry),
  scenarios: new Map<string, Scenario>([[scenario.id, scenario]]),
});

function renderScreen() {
  const download = vi.fn();
  const print = vi.fn();
  render(ProgressScreen, { progress, download, print, today: '2026-12-02' });
  return { download, print };
}

describe('<ProgressScreen>', () => {
  it('says which dimension the learner loses most often and where, the outcomes found, deal-breakers and take-aways', () => {
    renderScreen();
    expect(screen.getByRole('heading', { level: 1, name: 'My progress' })).toBeInTheDocument();
    expect(screen.getByText(/went down most often on communication \(2 choices\)/)).toBeInTheDocument();
    const lost = screen.getByRole('region', { name: 'What you lose most often' });
    expect(within(lost).getAllByText(/Communication: lowered by 2 choices, 8 points in all/)).toHaveLength(1);
    expect(within(lost).getByText(/you chose “End the call abruptly” \(2 times\): communication -4/)).toBeInTheDocument();
    // Outcomes per scenario and seat, the deal-breaker hit, and take-aways from the scenario's feedback.
    const found = screen.getByRole('region', { name: 'Outcomes found' });
    expect(within(found).getByText(/as the employer:/)).toHaveTextContent(/2 runs/);
    expect(within(screen.getByRole('region', { name: 'Deal-breakers' })).getByText(/The interviewer mocked them\./)).toBeInTheDocument();
    const takeaways = within(screen.getByRole('region', { name: 'Take-aways' })).getAllByRole('listitem');
    expect(takeaways[0]).toHaveTextContent('Feedback on: Open with a snide remark');
    expect(takeaways.map((t) => t.textContent)).toContainEqual(expect.stringContaining('Feedback on: End the call abruptly'));
    // The small picture says in words where each run ended.
    expect(within(found).getByText(/Run 1 ended in the .*A deal-breaker decided the candidate’s side/)).toBeInTheDocument();
  });

  it('saves the summary as Markdown and prints', async () => {
    const user = userEvent.setup();
    const { download, print } = renderScreen();
    await user.click(screen.getByRole('button', { name: 'Save as Markdown' }));
    const file = download.mock.calls[0]![0] as { filename: string; text: string };
    expect(file.filename).toBe('my-progress-2026-12-02.md');
    expect(file.text).toContain('## Take-aways');
    expect(file.text).toContain('1. Feedback on: Open with a snide remark');
    expect(screen.getByRole('status')).toHaveTextContent('Saved my-progress-2026-12-02.md.');
    await user.click(screen.getByRole('button', { name: 'Print or save as PDF' }));
    expect(print).toHaveBeenCalledOnce();
  });

  it('is accessible', async () => {
    renderScreen();
    expect(await axeViolations()).toEqual([]);
  });

  it('opens from the library, reading the runs saved in this browser', async () => {
    const storage = memoryStorage();
    const store = new SaveStore(storage);
    for (const { run } of runs) {
      store.putRun(run);
      store.finishRun(run, run.outcome!, run.choices.length);
    }
    const user = userEvent.setup();
    renderApp({ storage, scenarios: [scenario] });
    await user.click(screen.getByRole('link', { name: 'My progress' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'My progress' }, { timeout: LAZY })).toHaveFocus();
    expect(screen.getByText(/In 2 saved runs/)).toBeInTheDocument();
  });
});
