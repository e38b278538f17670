// @vitest-environment node
/**
 * SCORM packages and runtime without a browser: the manifest's required elements for SCORM 1.2 and 2004,
 * the zip's contents, finding the LMS's API, and the reporter against scorm-again's real SCORM runtimes.
 */
import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { Scorm12API, Scorm2004API } from 'scorm-again';
import { scormManifest } from '../../src/cli/scorm/manifest.ts';
import { packageFileName, scormPackage, SCO_FILE } from '../../src/cli/scorm/package.ts';
import { analyseScenario } from '../../src/lib/engine/analyse.ts';
import { personChoices, playChoices } from '../../src/lib/engine/playthrough.ts';
import { validateScenario } from '../../src/lib/engine/validate.ts';
import type { Outcome } from '../../src/lib/engine/ledger.ts';
import type { Step } from '../../src/lib/engine/step.ts';
import { newRunRecord } from '../../src/lib/persistence/records.ts';
import { ScormConnection } from '../../src/lib/learning/scorm/connection.ts';
import { findScormApi, launchSettings, type FoundApi, type ScormVersion } from '../../src/lib/learning/scorm/launch.ts';
import { ScormReporter } from '../../src/lib/learning/scorm/scorm-reporter.ts';
import { decodeSuspend } from '../../src/lib/learning/scorm/suspend.ts';
import { fakeScenario } from '../support/fakes.ts';

/** An XML element: its name, attributes and children (enough of XML for a manifest). */
interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

/** Parses well-formed XML without comments or CDATA; throws on a tag that is not closed in order. */
function parseXml(xml: string): Element {
  const root: Element = { name: '#document', attributes: {}, children: [], text: '' };
  const open = [root];
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  for (const [, text, closing, name, attrs, selfClosing] of xml.replace(/<\?xml[^>]*\?>/, '').matchAll(/([^<]*)<(\/?)([\w:.-]+)([^>]*?)(\/?)>/g)) {
    open.at(-1)!.text += unescape(text!.trim());
    if (closing) {
      if (open.pop()!.name !== name) throw new Error(`</${name}> closes another element`);
      continue;
    }
    const attributes = Object.fromEntries([...attrs!.matchAll(/([\w:.-]+)="([^"]*)"/g)].map(([, k, v]) => [k!, unescape(v!)]));
    const element: Element = { name: name!, attributes, children: [], text: '' };
    open.at(-1)!.children.push(element);
    if (!selfClosing) open.push(element);
  }
  if (open.length !== 1) throw new Error(`<${open.at(-1)!.name}> is not closed`);
  return root.children[0]!;
}
const child = (e: Element, name: string) => e.children.find((c) => c.name === name);
const children = (e: Element, name: string) => e.children.filter((c) => c.name === name);

const scenario = (() => {
  const result = validateScenario(fakeScenario());
  if (!result.ok) throw new Error('the fake scenario is invalid');
  return result.scenario;
})();

describe('imsmanifest.xml', () => {
  it.each([
    ['1.2', 'http://www.imsproject.org/xsd/imscp_rootv1p1p2', 'http://www.adlnet.org/xsd/adlcp_rootv1p2', '1.2', 'adlcp:scormtype'],
    ['2004', 'http://www.imsglobal.org/xsd/imscp_v1p1', 'http://www.adlnet.org/xsd/adlcp_v1p3', '2004 4th Edition', 'adlcp:scormType'],
  ] as const)('SCORM %s: has the elements the version requires', (version, cp, adlcp, schemaVersion, scormType) => {
    const manifest = parseXml(scormManifest({ version, identifier: 'osotd-x', title: 'Pay & “perks” <talk>', href: 'index.html', files: ['index.html'] }));
    expect(manifest.name).toBe('manifest');
    expect(manifest.attributes).toMatchObject({ identifier: 'osotd-x', xmlns: cp, 'xmlns:adlcp': adlcp });
    expect(manifest.attributes['xsi:schemaLocation']).toContain(cp);
    const metadata = child(manifest, 'metadata')!;
    expect(child(metadata, 'schema')!.text).toBe('ADL SCORM');
    expect(child(metadata, 'schemaversion')!.text).toBe(schemaVersion);

    const organizations = child(manifest, 'organizations')!;
    const organization = children(organizations, 'organization').find((o) => o.attributes.identifier === organizations.attributes.default)!;
    expect(child(organization, 'title')!.text).toBe('Pay & “perks” <talk>');
    const item = child(organization, 'item')!;
    expect(child(item, 'title')!.text).toBe('Pay & “perks” <talk>');

    const resource = children(child(manifest, 'resources')!, 'resource').find((r) => r.attributes.identifier === item.attributes.identifierref)!;
    expect(resource.attributes).toMatchObject({ type: 'webcontent', [scormType]: 'sco', href: 'index.html' });
    expect(children(resource, 'file').map((f) => f.attributes.href)).toEqual(['index.html']);
    // Identifiers are XML IDs: unique in the manifest.
    const ids = [manifest, organization, item, resource].map((e) => e.attributes.identifier);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('a SCORM package', () => {
  const html = '<!doctype html><html><head><title>app</title></head><body></body></html>';

  it.each(['1.2', '2004'] as const)('SCORM %s: holds the manifest and the single file, told its version and scenario', (version) => {
    const target = { name: 'phone-screen', title: 'The late phone screen', scenario: 'phone-screen' };
    const files = unzipSync(scormPackage(html, target, version));
    expect(Object.keys(files).sort()).toEqual(['imsmanifest.xml', SCO_FILE]);
    expect(parseXml(strFromU8(files['imsmanifest.xml']!)).attributes.identifier).toBe(`osotd-phone-screen-scorm${version === '1.2' ? '12' : '2004'}`);
    const page = strFromU8(files[SCO_FILE]!);
    const meta = /<meta name="osotd-scorm" content="([^"]*)">/.exec(page)![1]!;
    expect(launchSettings({ querySelector: () => ({ getAttribute: () => meta }) as never })).toEqual({ version, scenario: 'phone-screen' });
    expect(packageFileName(target, version)).toBe(`phone-screen-scorm${version === '1.2' ? '12' : '2004'}.zip`);
  });

  it('for the whole library, opens at the library', () => {
    const page = strFromU8(unzipSync(scormPackage(html, { name: 'library', title: 'All' }, '2004'))[SCO_FILE]!);
    expect(page).toContain('<meta name="osotd-scorm" content="version=2004">');
  });
});

describe('finding the LMS', () => {
  const api = {} as never;
  it('looks on the parents, then on the opener, preferring the package’s version', () => {
    const top = { API: api } as unknown as Window;
    (top as any).parent = top;
    const frame = { parent: { parent: top } } as unknown as Window;
    expect(findScormApi(frame)).toEqual({ version: '1.2', api });
    const lms = { API: api, API_1484_11: api } as any;
    lms.parent = lms;
    const popup = { parent: null, opener: lms } as any;
    popup.parent = popup;
    expect(findScormApi(popup)?.version).toBe('2004');
    expect(findScormApi(popup, '1.2')?.version).toBe('1.2');
  });

  it('finds nothing without an LMS, or behind a window of another origin', () => {
    const lonely = {} as any;
    lonely.parent = lonely;
    expect(findScormApi(lonely)).toBeNull();
    const foreign = {
      get API() {
        throw new Error('SecurityError');
      },
      get API_1484_11() {
        throw new Error('SecurityError');
      },
    } as any;
    foreign.parent = foreign;
    expect(findScormApi({ parent: foreign } as never)).toBeNull();
  });
});

/** A run of the fake scenario from the employer's seat to an outcome, as steps. */
function stepsTo(outcome: Outcome): Step[] {
  const choices = analyseScenario(scenario).seats.find((s) => s.seat === 'employer')!.outcomes[outcome].choices!;
  const { steps, actor } = playChoices(scenario, 'employer', choices, { seed: 3 });
  actor.stop();
  return steps;
}

/** Report a run step by step to a reporter, as the run screen does; returns the final record. */
function play(reporter: ScormReporter, steps: Step[], id = 'run-1', outcome: Outcome | null = null) {
  const start = newRunRecord({ scenarioId: scenario.id, scenarioTitle: scenario.title, seat: 'employer', mode: 'coach', seed: 3 }, id, 1);
  reporter.runOpened({ scenario, record: start, steps: [] });
  let record = start;
  for (let n = 1; n <= steps.length; n++) {
    const taken = steps.slice(0, n);
    record = { ...start, choices: personChoices(taken), stepCount: n, outcome: n === steps.length ? outcome : null };
    reporter.runChanged({ scenario, record, steps: taken });
  }
  return record;
}

function connect(version: ScormVersion) {
  const api = version === '1.2' ? new Scorm12API({ logLevel: 5 }) : new Scorm2004API({ logLevel: 5 });
  const lms = new ScormConnection({ version, api } as unknown as FoundApi);
  expect(lms.initialize()).toBe(true);
  const reporter = new ScormReporter(lms, () => new Date('2026-12-02T10:20:30.456Z'));
  expect(reporter.start()).toBeUndefined();
  const data = () => (api.renderCMIToJSONObject() as { cmi: any }).cmi;
  return { api, lms, reporter, data };
}

describe('reporting to a SCORM 2004 LMS', () => {
  it('records each choice, completion, success, score and the run; a pass is kept; the run resumes', () => {
    const { lms, reporter, data } = connect('2004');
    expect(data().completion_status).toBe('incomplete');
    const fit = stepsTo('mutualFit');
    const record = play(reporter, fit, 'run-1', 'mutualFit');
    const chosen = fit.filter((s) => !s.auto && s.event !== 'continue');
    const interactions = Object.values(data().interactions) as any[];
    expect(interactions).toHaveLength(chosen.length);
    expect(interactions[0]).toMatchObject({
      id: `${scenario.id}/${chosen[0]!.scene}`,
      type: 'choice',
      learner_response: chosen[0]!.event.slice('choice.'.length),
      result: 'neutral',
      timestamp: '2026-12-02T10:20:30.45Z',
    });
    expect(interactions[0].description).toBe((scenario.machine.states[chosen[0]!.scene]!.on![chosen[0]!.event] as any).meta.label);
    expect(data()).toMatchObject({ completion_status: 'completed', success_status: 'passed', score: { raw: '100', scaled: '1' } });
    expect(decodeSuspend(data().suspend_data)).toEqual(record);

    // A later run without a fit keeps the pass and the best score, and adds its own interactions.
    play(reporter, stepsTo('noFit'), 'run-2', 'noFit');
    expect(data()).toMatchObject({ success_status: 'passed', score: { raw: '100' } });
    expect(Object.keys(data().interactions).length).toBeGreaterThan(chosen.length);
    reporter.end();
    expect(data().exit).toBe('normal');
    expect(lms.refused).toEqual([]);
  });

  it('an unfinished run is suspended and comes back; an undo does not record a choice twice', () => {
    const { api, reporter, data } = connect('2004');
    const fit = stepsTo('mutualFit');
    const half = fit.slice(0, fit.findIndex((s) => !s.auto && s.event !== 'continue') + 1);
    const record = play(reporter, half);
    reporter.runChanged({ scenario, record: { ...record, choices: [], stepCount: 0 }, steps: [] });
    reporter.runChanged({ scenario, record, steps: half });
    expect(Object.keys(data().interactions)).toHaveLength(2);
    reporter.end();
    expect(data().exit).toBe('suspend');

    const again = new Scorm2004API({ logLevel: 5 });
    again.loadFromJSON(data());
    const lms = new ScormConnection({ version: '2004', api: again } as unknown as FoundApi);
    lms.initialize();
    expect(new ScormReporter(lms).start()).toEqual(record);
    void api;
  });
});

describe('reporting to a SCORM 1.2 LMS', () => {
  it('records each choice and a run without a fit as failed, with its score', () => {
    const { lms, reporter, data } = connect('1.2');
    expect(data().core.lesson_status).toBe('incomplete');
    const steps = stepsTo('employerDeclines');
    play(reporter, steps, 'run-1', 'employerDeclines');
    const interactions = Object.values(data().interactions) as any[];
    expect(interactions).toHaveLength(steps.filter((s) => !s.auto && s.event !== 'continue').length);
    expect(interactions[0]).toMatchObject({ type: 'choice', result: 'neutral', time: expect.stringMatching(/^\d\d:\d\d:\d\d$/) });
    expect(interactions[0].student_response).toMatch(/^[\w-]+$/);
    expect(data().core).toMatchObject({ lesson_status: 'failed', score: { raw: '50', min: '0', max: '100' } });
    reporter.end();
    expect(data().core.exit).toBe('');
    expect(lms.refused).toEqual([]);
  });
});

describe('an LMS that fails', () => {
  it('never stops the run: what it refuses is noted and the run goes on', () => {
    const broken = new Proxy(
      {},
      {
        get: () => () => {
          throw new Error('the LMS is gone');
        },
      },
    );
    const lms = new ScormConnection({ version: '2004', api: broken } as unknown as FoundApi);
    expect(lms.initialize()).toBe(false);
    const reporter = new ScormReporter(lms);
    expect(reporter.start()).toBeUndefined();
    expect(() => play(reporter, stepsTo('mutualFit'), 'run-1', 'mutualFit')).not.toThrow();
    expect(() => reporter.end()).not.toThrow();
    expect(lms.refused.length).toBeGreaterThan(0);
  });
});
