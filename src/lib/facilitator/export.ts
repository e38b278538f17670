/**
 * The session report as files: Markdown (to read or paste), CSV (one row per path step, per option
 * voted on, and the outcome) and JSON (everything, for other tools).
 */
import { DIMENSIONS, DIMENSION_LABELS, OUTCOME_INFO, SIDE_LABELS, SIDES, type Outcome, type Side } from '../engine/ledger.ts';
import { dealBreakerWords, placeOnPicture, QUADRANT_OF } from '../ui/picture.ts';
import { howLabel, phonesLabel, type SessionReport } from './report.ts';
import { formatDuration } from './timer.ts';

export const REPORT_FORMAT = 'osotd-facilitator-report';
export const REPORT_VERSION = 1;

export interface ExportFile {
  filename: string;
  mime: string;
  text: string;
}

/** Where times are told: an IANA time zone ("Europe/London"); the browser's own by default. */
export interface TimeOptions {
  timeZone?: string;
}

/** The time zone this browser (or Node) runs in, e.g. "Europe/London". */
export const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

function parts(ms: number, timeZone: string, extra: Intl.DateTimeFormatOptions): Record<string, string> {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    ...extra,
  });
  return Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
}

/**
 * A moment as people in the room read it, with the zone named: "14 Mar 2025, 09:30 GMT (Europe/London)".
 * Empty for null.
 */
export function localTime(ms: number | null, { timeZone = localZone() }: TimeOptions = {}): string {
  if (ms === null) return '';
  const when = new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(ms);
  const short = parts(ms, timeZone, { timeZoneName: 'short' }).timeZoneName ?? '';
  return short && short !== timeZone ? `${when} ${short} (${timeZone})` : `${when} (${timeZone})`;
}

/** A moment in local time with its offset, for spreadsheets: "2025-03-14T09:30:00+00:00". Empty for null. */
export function localIso(ms: number | null, { timeZone = localZone() }: TimeOptions = {}): string {
  if (ms === null) return '';
  const p = parts(ms, timeZone, { timeZoneName: 'longOffset' });
  const offset = (p.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset}`;
}

const dateStamp = (ms: number | null, options: TimeOptions) => (ms === null ? 'unstarted' : localIso(ms, options).slice(0, 10));
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
const baseName = (report: SessionReport, options: TimeOptions) =>
  `${report.scenarioId}-session-${dateStamp(report.startedAt, options)}-${report.sessionId.slice(-4)}`;

/** Text safe inside a Markdown table cell or line: no pipes or line breaks, no markup taken as markup. */
function md(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([|*_`[\]<>#])/g, '\\$1')
    .replace(/\s*\n\s*/g, ' ');
}

function decidedBy(report: SessionReport, side: Side | null, by: 'room' | 'scenario' | 'continue'): string {
  if (by === 'continue' || side === null) return '';
  if (by === 'scenario') return `${SIDE_LABELS[side]} (the scenario)`;
  return report.teams ? report.teams[side] : 'The room';
}

/** The report as Markdown; times in the given (else the local) time zone, named. */
export function toMarkdown(report: SessionReport, options: TimeOptions = {}): string {
  const lines: string[] = [];
  lines.push(`# ${md(report.scenarioTitle)}: session report`, '');
  lines.push(`- Session: ${md(report.sessionId)}`);
  lines.push(`- ${md(report.modeLabel)}${report.teams ? ` (${md(report.teams.employer)}; ${md(report.teams.candidate)})` : ''}`);
  lines.push(
    `- Started: ${localTime(report.startedAt, options) || 'not yet'}; ended: ${localTime(report.endedAt, options) || 'not yet'}; time: ${formatDuration(report.totalMs)}`,
  );
  lines.push(`- Decisions: ${report.decisions.length}; overrides: ${report.overrides.length}`);
  lines.push(`- Tie rule: ${report.tieRule}`, '');
  lines.push('## Outcome', '');
  if (report.outcome) {
    const { verdict } = report.outcome;
    lines.push(`**${md(report.outcome.title)}.** ${md(report.outcome.description)}`, '');
    for (const side of SIDES) {
      const who = side === 'employer' ? 'How the employer sees the candidate' : 'How the candidate sees the employer';
      const last = report.debrief.timeline.at(-1)?.after[side];
      const dims = last ? DIMENSIONS.map((d) => `${DIMENSION_LABELS[d]} ${signed(last[d])}`).join(', ') : '';
      const breaker = verdict.dealBreakers[side] ? `; deal-breaker: ${md(verdict.dealBreakers[side]!)}` : '';
      lines.push(`- ${who}: total ${signed(verdict.totals[side])}${dims ? ` (${dims})` : ''}${breaker}`);
    }
    // Where the picture draws the run, in the same words, and which side a deal-breaker decided.
    const point = placeOnPicture(verdict);
    const decided = point.dealBreakers.map((d) => ` ${dealBreakerWords(d, verdict.totals[d.side])}`).join('');
    lines.push(`- On the picture: the ${QUADRANT_OF[verdict.outcome]} quadrant (${md(report.outcome.title)}).${md(decided)}`);
  } else {
    lines.push('The session has not reached an ending yet.');
  }
  lines.push('', '## Path', '', '| # | Scene | Decided by | Choice | How | Time |', '| --- | --- | --- | --- | --- | --- |');
  for (const step of report.path) {
    const decision = step.decision === null ? undefined : report.decisions[step.decision];
    const how = decision ? howLabel(decision) : step.by === 'scenario' ? 'simulated side' : step.by === 'continue' ? 'continues' : '';
    lines.push(
      `| ${step.number} | ${md(step.title || step.scene)} | ${md(decidedBy(report, step.side, step.by))} | ${md(step.label)} | ${md(how)} | ${formatDuration(step.ms)} |`,
    );
  }
  lines.push('', '## Votes', '');
  if (!report.decisions.length) lines.push('No decisions were taken.');
  for (const d of report.decisions) {
    lines.push(`### Decision ${d.number}: ${md(d.decidedBy)} (step ${d.stepIndex + 1})`, '');
    lines.push('| Option | Votes | |', '| --- | --- | --- |');
    for (const o of d.options) {
      const marks = [o.event === d.chosen ? 'chosen' : '', d.voteHeld && d.leaders.includes(o.event) && d.leaders.length > 1 ? 'tied' : '']
        .filter(Boolean)
        .join(', ');
      lines.push(`| ${md(o.label)} | ${d.voteHeld ? o.votes : '–'} | ${marks} |`);
    }
    lines.push('', `Decided by ${md(howLabel(d))}. Discussion: ${formatDuration(d.discussionMs)}.${d.phones ? ` ${phonesLabel(d.phones)}.` : ''}`);
    if (d.whatIf) {
      const w = d.whatIf;
      lines.push(
        '',
        `The most popular other option, "${md(w.label)}" (${w.votes} vote${w.votes === 1 ? '' : 's'}), would have ${changeWords(w.totalDelta)}, and led to this ending: ${md(outcomeTitle(w.verdict.outcome))}.`,
      );
    }
    lines.push('');
  }
  lines.push('## Overrides', '');
  if (!report.overrides.length) lines.push('None: every decision followed the vote or the tie rule.');
  for (const d of report.overrides) {
    const voted = d.voteHeld
      ? `the vote favoured ${d.leaders.map((l) => `"${md(d.options.find((o) => o.event === l)?.label ?? l)}"`).join(' and ')}`
      : 'no vote was held';
    lines.push(`- Decision ${d.number}: ${voted}; the facilitator chose "${md(d.chosenLabel)}"${d.reason ? `: ${md(d.reason)}` : ''}.`);
  }
  lines.push('');
  return lines.join('\n');
}

const outcomeTitle = (o: Outcome) => OUTCOME_INFO[o].title.toLowerCase();

/** "moved the candidate's view of the employer by +2", or "left both views as they were". */
export function changeWords(totalDelta: Record<Side, number>): string {
  const parts = SIDES.filter((side) => totalDelta[side] !== 0).map(
    (side) => `${side === 'employer' ? "the employer's view of the candidate" : "the candidate's view of the employer"} by ${signed(totalDelta[side])}`,
  );
  return parts.length ? `moved ${parts.join(' and ')}` : 'left both views as they were';
}

/** A CSV cell: quoted when needed; text that a spreadsheet would run as a formula is defused. */
function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_COLUMNS = [
  'kind',
  'step',
  'decision',
  'scene',
  'side',
  'decided_by',
  'event',
  'label',
  'votes',
  'chosen',
  'how',
  'reason',
  'employer_change',
  'candidate_change',
  'at',
  'seconds',
  'phones_joined',
  'phones_voted',
] as const;

/**
 * The report as CSV: one row per path step, per option voted on, and the outcome; `at` in local time with
 * its offset; where phones voted, how many participants had joined and how many voted (empty for a show of hands).
 */
export function toCsv(report: SessionReport, options: TimeOptions = {}): string {
  const iso = (ms: number | null) => localIso(ms, options);
  const rows: (string | number | null)[][] = [[...CSV_COLUMNS]];
  for (const step of report.path) {
    const d = step.decision === null ? undefined : report.decisions[step.decision];
    rows.push([
      'step',
      step.number,
      d?.number ?? null,
      step.scene,
      step.side,
      decidedBy(report, step.side, step.by) || 'continue',
      step.event,
      step.label,
      d ? d.totalVotes : null,
      'yes',
      d ? d.how : step.by,
      d?.reason ?? '',
      step.entry?.totalDelta.employer ?? null,
      step.entry?.totalDelta.candidate ?? null,
      iso(step.at),
      Math.round(step.ms / 1000),
      d?.phones?.joined ?? null,
      d?.phones?.voted ?? null,
    ]);
  }
  for (const d of report.decisions) {
    for (const o of d.options) {
      rows.push([
        'vote',
        d.stepIndex + 1,
        d.number,
        d.scene,
        d.side,
        d.decidedBy,
        o.event,
        o.label,
        d.voteHeld ? o.votes : null,
        o.event === d.chosen ? 'yes' : 'no',
        o.event === d.chosen ? d.how : '',
        '',
        null,
        null,
        iso(d.closedAt ?? d.decidedAt),
        Math.round(d.discussionMs / 1000),
        d.phones?.joined ?? null,
        d.phones?.voted ?? null,
      ]);
    }
  }
  if (report.outcome) {
    const v = report.outcome.verdict;
    rows.push([
      'outcome',
      null,
      null,
      report.path.at(-1)?.scene ?? '',
      null,
      '',
      report.outcome.id,
      report.outcome.title,
      null,
      '',
      '',
      '',
      v.totals.employer,
      v.totals.candidate,
      iso(report.endedAt),
      Math.round(report.totalMs / 1000),
      null,
      null,
    ]);
  }
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** The report as JSON: times in ms since the epoch, and also in local time with the zone named. */
export function toJson(report: SessionReport, options: TimeOptions = {}): string {
  const { debrief, path, decisions, outcome, ...session } = report;
  const timeZone = options.timeZone ?? localZone();
  const data = {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    session: {
      ...session,
      overrides: report.overrides.map((d) => d.number),
      timeZone,
      startedLocal: localIso(report.startedAt, { timeZone }) || null,
      endedLocal: localIso(report.endedAt, { timeZone }) || null,
    },
    path: path.map(({ entry, ...step }) => ({
      ...step,
      change: entry ? { employer: entry.totalDelta.employer, candidate: entry.totalDelta.candidate } : null,
    })),
    decisions,
    outcome: outcome
      ? {
          id: outcome.id,
          title: outcome.title,
          totals: outcome.verdict.totals,
          dealBreakers: outcome.verdict.dealBreakers,
          // As the picture draws it: the quadrant, and the sides a deal-breaker decided whatever their totals.
          quadrant: QUADRANT_OF[outcome.verdict.outcome],
          decidedByDealBreaker: placeOnPicture(outcome.verdict).dealBreakers.map((d) => d.side),
        }
      : null,
    finalLedgers: debrief.timeline.at(-1)?.after ?? null,
    turningPoint: debrief.turningPoint >= 0 ? debrief.turningPoint + 1 : null,
  };
  return JSON.stringify(data, null, 2) + '\n';
}

/** One export of the report, with its file name (the session's local start date in it). */
export function exportReport(report: SessionReport, kind: 'markdown' | 'csv' | 'json', options: TimeOptions = {}): ExportFile {
  const base = baseName(report, options);
  if (kind === 'markdown') return { filename: `${base}.md`, mime: 'text/markdown', text: toMarkdown(report, options) };
  if (kind === 'csv') return { filename: `${base}.csv`, mime: 'text/csv', text: toCsv(report, options) };
  return { filename: `${base}.json`, mime: 'application/json', text: toJson(report, options) };
}
