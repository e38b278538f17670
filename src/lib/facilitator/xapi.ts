/**
 * The session report as xAPI statements, for a learning record store: the room (or each team) is a
 * Group, and the session is a group activity (a "meeting") that groups every statement. One `responded`
 * statement per decision the room took (the chosen option's label as the response, its change to both
 * ledgers, the votes and how the decision was reached), and `completed` when the session reached an
 * ending (`success`: both sides like each other). Ids are name-based UUIDs of the session and decision,
 * so exporting the same session again gives the same ids and a record store keeps each statement once.
 */
import { nameUuid } from '../learning/uuid.ts';
import {
  ACTIVITY_TYPES,
  choiceStatement,
  completionStatement,
  extensionIri,
  EXTENSIONS,
  normaliseBase,
  type Activity,
  type Group,
  type RunStatementContext,
  type Statement,
} from '../learning/xapi.ts';
import type { Side } from '../engine/ledger.ts';
import type { ExportFile } from './export.ts';
import { seatOf } from './position.ts';
import { howLabel, type SessionReport } from './report.ts';

/** The session as an activity: a meeting, named by its scenario and id. */
export function sessionActivity(base: string, report: SessionReport): Activity {
  return {
    objectType: 'Activity',
    id: `${base}session/${encodeURIComponent(report.sessionId)}`,
    definition: { name: { 'en-GB': `Workshop: ${report.scenarioTitle} (${report.sessionId})` }, type: ACTIVITY_TYPES.meeting },
  };
}

/** The room, or the team playing a side, as a Group identified by an account under the base address. */
export function roomGroup(base: string, report: SessionReport, side: Side): Group {
  const team = report.teams?.[side];
  return {
    objectType: 'Group',
    name: team ?? 'The room',
    account: { homePage: base, name: team ? `session-${report.sessionId}-${side}` : `session-${report.sessionId}` },
  };
}

/** Every statement of a session, in the order things happened. `base` is the base address of the app's IRIs. */
export function sessionStatements(report: SessionReport, base: string): Statement[] {
  const root = normaliseBase(base);
  const session = sessionActivity(root, report);
  const seat = seatOf(report.mode);
  const context = (side: Side): RunStatementContext => ({
    actor: roomGroup(root, report, side),
    base: root,
    registration: nameUuid(session.id),
    scenario: { id: report.scenarioId, title: report.scenarioTitle },
    seat,
    grouping: [session],
  });
  const statements = report.decisions.map((d) => {
    const entry = report.path[d.stepIndex]?.entry;
    const step = report.path[d.stepIndex];
    return choiceStatement(context(d.side), {
      id: nameUuid(`${session.id}/decision/${d.number}`),
      at: d.decidedAt,
      scene: { id: d.scene, title: step?.title ?? d.scene },
      event: d.chosen,
      label: d.chosenLabel,
      side: d.side,
      delta: entry?.delta ?? { employer: { courtesy: 0, communication: 0, commonSense: 0 }, candidate: { courtesy: 0, communication: 0, commonSense: 0 } },
      dealBreakers: entry?.dealBreakers ?? {},
      extensions: {
        [extensionIri(root, EXTENSIONS.votes)]: Object.fromEntries(d.options.map((o) => [o.event, o.votes])),
        [extensionIri(root, EXTENSIONS.decidedBy)]: howLabel(d),
      },
    });
  });
  const last = report.debrief.timeline.at(-1);
  if (report.outcome && last) {
    const end = report.endedAt ?? report.path.at(-1)?.at ?? report.startedAt ?? 0;
    // The ending belongs to the whole room: in teams mode it is reported for each team.
    const sides: Side[] = report.mode === 'teams' ? ['employer', 'candidate'] : [report.mode];
    for (const side of sides) {
      statements.push(
        completionStatement(context(side), {
          id: nameUuid(`${session.id}/completed/${side}`),
          at: end,
          ...(report.startedAt !== null ? { startedAt: report.startedAt } : {}),
          verdict: report.outcome.verdict,
          ledgers: last.after,
        }),
      );
    }
  }
  return statements;
}

/** The statements as a JSON file (an array, as `POST /statements` takes it). */
export function exportXapi(report: SessionReport, base: string): ExportFile {
  return {
    filename: `${report.scenarioId}-session-${report.sessionId.slice(-4)}-xapi.json`,
    mime: 'application/json',
    text: `${JSON.stringify(sessionStatements(report, base), null, 2)}\n`,
  };
}
