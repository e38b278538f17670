/**
 * xAPI 1.0.3 statements for the app's learning records, built as plain data (no DOM, no sending):
 *
 * - a person's choice: `responded` to the scene (an activity inside the scenario's activity), the choice's
 *   label as the response, its change to each dimension of both ledgers as result extensions;
 * - a finished run: `completed` the scenario, with the outcome, both ledgers and any deal-breaker, and
 *   `success` true exactly when both sides like each other (the "mutual fit" outcome);
 * - a facilitator's session: the same statements with the room (or a team) as a Group (`facilitator/xapi.ts`).
 *
 * Every IRI the app defines sits under one base address (`LrsSettings.activityBase`, by default the
 * app's own address), so an organisation owns its activity ids: `<base>scenario/<id>`,
 * `<base>scenario/<id>/scene/<scene>`, `<base>extensions/<name>`. docs/lms.md lists them.
 */
import { DIMENSIONS, SIDES, type Ledger, type Ledgers, type Side, type Verdict } from '../engine/ledger.ts';

// ---- the parts of a statement the app writes (xAPI 1.0.3, section 2.4) ---------------------------

/** A language map: RFC 5646 tag to text. */
export type LanguageMap = Record<string, string>;

/** An Agent with exactly one identifier: an email address (`mbox`) or an account on a system. */
export type Agent = { objectType?: 'Agent'; name?: string } & ({ mbox: string } | { account: { homePage: string; name: string } });

/** A Group identified by an account (the facilitator's room or team), listing nobody by name. */
export interface Group {
  objectType: 'Group';
  name?: string;
  account: { homePage: string; name: string };
}

export type Actor = Agent | Group;

export interface Verb {
  id: string;
  display: LanguageMap;
}

export interface ActivityDefinition {
  name?: LanguageMap;
  description?: LanguageMap;
  type?: string;
  extensions?: Record<string, unknown>;
}

export interface Activity {
  objectType: 'Activity';
  id: string;
  definition?: ActivityDefinition;
}

export interface Result {
  success?: boolean;
  completion?: boolean;
  response?: string;
  /** ISO 8601 duration, e.g. "PT4M12S". */
  duration?: string;
  extensions?: Record<string, unknown>;
}

export interface Context {
  /** A UUID shared by every statement of one run (or session). */
  registration?: string;
  contextActivities?: { parent?: Activity[]; grouping?: Activity[]; category?: Activity[]; other?: Activity[] };
  platform?: string;
  language?: string;
  extensions?: Record<string, unknown>;
}

export interface Statement {
  /** A UUID, given when the statement is made and kept through every retry. */
  id: string;
  actor: Actor;
  verb: Verb;
  object: Activity;
  result?: Result;
  context?: Context;
  /** ISO 8601, when the choice was made. */
  timestamp: string;
  version: '1.0.3';
}

// ---- vocabulary --------------------------------------------------------------------------------

/** ADL's verbs (http://adlnet.gov/expapi/verbs/…). */
export const VERBS = {
  responded: { id: 'http://adlnet.gov/expapi/verbs/responded', display: { 'en-GB': 'responded' } },
  completed: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-GB': 'completed' } },
} as const satisfies Record<string, Verb>;

/** ADL's activity types. */
export const ACTIVITY_TYPES = {
  simulation: 'http://adlnet.gov/expapi/activities/simulation',
  interaction: 'http://adlnet.gov/expapi/activities/interaction',
  meeting: 'http://adlnet.gov/expapi/activities/meeting',
} as const;

/** Names of the app's extensions; the IRI is `<base>extensions/<name>`. */
export const EXTENSIONS = {
  /** Result of a choice: change to the employer's view of the candidate, per dimension. */
  employerChange: 'employer-view-change',
  /** Result of a choice: change to the candidate's view of the employer, per dimension. */
  candidateChange: 'candidate-view-change',
  /** Result of a choice: the choice's event name in the scenario file (`choice.onTime`). */
  choice: 'choice',
  /** Result: deal-breakers marked, per side: the reason, or null. */
  dealBreakers: 'deal-breakers',
  /** Result of a run: the outcome's name (`mutualFit`, `candidateDeclines`, `employerDeclines`, `noFit`). */
  outcome: 'outcome',
  /** Result of a run: both ledgers at the end, per side and dimension. */
  ledgers: 'ledgers',
  /** Context: the seat played (`employer`, `candidate`, or `both` for two people on one device). */
  seat: 'seat',
  /** Context: the side that made this choice. */
  side: 'side',
  /** Context: `coach` or `realistic`. */
  mode: 'mode',
  /** Result of a room's decision: votes per choice event, and how it was decided. */
  votes: 'votes',
  decidedBy: 'decided-by',
} as const;

/** An extension's IRI under a base address. */
export const extensionIri = (base: string, name: (typeof EXTENSIONS)[keyof typeof EXTENSIONS]) => `${base}extensions/${name}`;

/** The platform named in every statement's context. */
export const PLATFORM = 'Other Side of the Desk';
const LANG = 'en-GB';

// ---- who the learner is -----------------------------------------------------------------------

/** How the learner wants to be named in the record store: by email address, or by an account on a system. */
export type LearnerIdentity = { kind: 'mbox'; name: string; email: string } | { kind: 'account'; name: string; homePage: string; account: string };

/** The statement's actor for a learner's identity. */
export function actorOf(learner: LearnerIdentity): Agent {
  const name = learner.name.trim();
  const named = name ? { name } : {};
  return learner.kind === 'mbox'
    ? { objectType: 'Agent', ...named, mbox: `mailto:${learner.email.trim()}` }
    : { objectType: 'Agent', ...named, account: { homePage: learner.homePage.trim(), name: learner.account.trim() } };
}

// ---- activities ---------------------------------------------------------------------------------

/** A base address as the app uses it: absolute, ending in `/`. */
export function normaliseBase(base: string): string {
  const trimmed = base.trim();
  return trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

const segment = (id: string) => encodeURIComponent(id);

/** The scenario as an activity (a simulation). */
export function scenarioActivity(base: string, scenario: { id: string; title: string; summary?: string }): Activity {
  return {
    objectType: 'Activity',
    id: `${base}scenario/${segment(scenario.id)}`,
    definition: {
      name: { [LANG]: scenario.title },
      ...(scenario.summary ? { description: { [LANG]: scenario.summary } } : {}),
      type: ACTIVITY_TYPES.simulation,
    },
  };
}

/** A scene of a scenario as an activity (an interaction), named by its short title. */
export function sceneActivity(base: string, scenarioId: string, scene: { id: string; title: string }): Activity {
  return {
    objectType: 'Activity',
    id: `${base}scenario/${segment(scenarioId)}/scene/${segment(scene.id)}`,
    definition: { name: { [LANG]: scene.title }, type: ACTIVITY_TYPES.interaction },
  };
}

// ---- statements ---------------------------------------------------------------------------------

/** What every statement of one run shares. */
export interface RunStatementContext {
  /** The statement's actor: the learner (an Agent), or the room or a team (a Group). */
  actor: Actor;
  /** The base address of the app's IRIs, ending in `/`. */
  base: string;
  /** A UUID for the whole run: the statements' `context.registration`. */
  registration: string;
  scenario: { id: string; title: string; summary?: string };
  seat: Side | 'both';
  mode?: string;
  /** Further activities the run belongs to, e.g. a facilitator's session. */
  grouping?: Activity[];
}

/** One choice as it was made: where, what, and what it did to the ledgers. */
export interface ChoiceFacts {
  /** The statement's id, a UUID given when the choice is made. */
  id: string;
  /** When the choice was made, ms since 1970. */
  at: number;
  scene: { id: string; title: string };
  /** The choice's event (`choice.onTime`) and its label, as the chooser read it. */
  event: string;
  label: string;
  /** The side that chose. */
  side: Side;
  /** The choice's change to each dimension of both ledgers. */
  delta: Ledgers;
  /** Deal-breakers this choice marked. */
  dealBreakers: Partial<Record<Side, string>>;
  /** More result extensions (the room's votes), by IRI. */
  extensions?: Record<string, unknown>;
}

const iso = (ms: number) => new Date(ms).toISOString();
const ledger = (l: Ledger) => Object.fromEntries(DIMENSIONS.map((d) => [d, l[d]])) as Ledger;
const dealBreakerMap = (marked: Partial<Record<Side, string | null>>) => Object.fromEntries(SIDES.map((s) => [s, marked[s] ?? null]));

function contextOf(run: RunStatementContext, extra: Record<string, unknown> = {}): Context {
  return {
    registration: run.registration,
    ...(run.grouping?.length ? { contextActivities: { grouping: run.grouping } } : {}),
    platform: PLATFORM,
    language: LANG,
    extensions: {
      [extensionIri(run.base, EXTENSIONS.seat)]: run.seat,
      ...(run.mode ? { [extensionIri(run.base, EXTENSIONS.mode)]: run.mode } : {}),
      ...extra,
    },
  };
}

/** The statement for a choice: the actor responded to the scene with the choice's label. */
export function choiceStatement(run: RunStatementContext, choice: ChoiceFacts): Statement {
  const scenario = scenarioActivity(run.base, run.scenario);
  const context = contextOf(run, { [extensionIri(run.base, EXTENSIONS.side)]: choice.side });
  context.contextActivities = { ...context.contextActivities, parent: [scenario] };
  const dealBreakers = Object.keys(choice.dealBreakers).length
    ? { [extensionIri(run.base, EXTENSIONS.dealBreakers)]: dealBreakerMap(choice.dealBreakers) }
    : {};
  return {
    id: choice.id,
    actor: run.actor,
    verb: VERBS.responded,
    object: sceneActivity(run.base, run.scenario.id, choice.scene),
    result: {
      response: choice.label,
      extensions: {
        [extensionIri(run.base, EXTENSIONS.choice)]: choice.event,
        [extensionIri(run.base, EXTENSIONS.employerChange)]: ledger(choice.delta.employer),
        [extensionIri(run.base, EXTENSIONS.candidateChange)]: ledger(choice.delta.candidate),
        ...dealBreakers,
        ...choice.extensions,
      },
    },
    context,
    timestamp: iso(choice.at),
    version: '1.0.3',
  };
}

/** How a run ended. */
export interface CompletionFacts {
  id: string;
  /** When the run ended, ms since 1970. */
  at: number;
  /** When it started, for the duration; omit when unknown. */
  startedAt?: number;
  verdict: Verdict;
  /** Both ledgers at the end. */
  ledgers: Ledgers;
}

/** An ISO 8601 duration of whole seconds, e.g. "PT4M12S". */
export function isoDuration(ms: number): string {
  let seconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds || (!hours && !minutes) ? `${seconds}S` : ''}`;
}

/**
 * The statement for a finished run: the actor completed the scenario. `result.success` is true exactly
 * when both sides like each other (the outcome `mutualFit`); the outcome, both ledgers and the deal-breakers
 * are result extensions.
 */
export function completionStatement(run: RunStatementContext, end: CompletionFacts): Statement {
  return {
    id: end.id,
    actor: run.actor,
    verb: VERBS.completed,
    object: scenarioActivity(run.base, run.scenario),
    result: {
      completion: true,
      success: end.verdict.outcome === 'mutualFit',
      ...(end.startedAt !== undefined ? { duration: isoDuration(end.at - end.startedAt) } : {}),
      extensions: {
        [extensionIri(run.base, EXTENSIONS.outcome)]: end.verdict.outcome,
        [extensionIri(run.base, EXTENSIONS.ledgers)]: { employer: ledger(end.ledgers.employer), candidate: ledger(end.ledgers.candidate) },
        [extensionIri(run.base, EXTENSIONS.dealBreakers)]: dealBreakerMap(end.verdict.dealBreakers),
      },
    },
    context: contextOf(run),
    timestamp: iso(end.at),
    version: '1.0.3',
  };
}
