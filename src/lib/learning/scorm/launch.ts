/**
 * Finding the LMS that launched the page, the standard way (ADL's API discovery algorithm): look for the
 * SCORM 2004 `API_1484_11` or the SCORM 1.2 `API` object on this window, then up the chain of parent
 * frames, then on the window that opened this one and its parents. Tiny on purpose: the rest of the SCORM
 * runtime (`start.ts`) is loaded only when an API is found.
 *
 * A SCORM package (`npm run build:scorm`) names its version and scenario in a meta tag of the page,
 * `<meta name="osotd-scorm" content="version=2004; scenario=phone-screen">`.
 */

/** The two SCORM versions the packages are built for. */
export type ScormVersion = '1.2' | '2004';

/** The SCORM 1.2 run-time API (`window.API`). Every call returns "true"/"false" or a value, as text. */
export interface Scorm12Api {
  LMSInitialize(parameter: ''): unknown;
  LMSFinish(parameter: ''): unknown;
  LMSGetValue(element: string): unknown;
  LMSSetValue(element: string, value: string): unknown;
  LMSCommit(parameter: ''): unknown;
  LMSGetLastError(): unknown;
}

/** The SCORM 2004 run-time API (`window.API_1484_11`). */
export interface Scorm2004Api {
  Initialize(parameter: ''): unknown;
  Terminate(parameter: ''): unknown;
  GetValue(element: string): unknown;
  SetValue(element: string, value: string): unknown;
  Commit(parameter: ''): unknown;
  GetLastError(): unknown;
}

/** An LMS's API, with its version. */
export type FoundApi = { version: '1.2'; api: Scorm12Api } | { version: '2004'; api: Scorm2004Api };

/** What a package tells the page: its SCORM version, and the scenario it opens (none: the library). */
export interface LaunchSettings {
  version?: ScormVersion;
  scenario?: string;
}

/** The name of the meta tag a package adds to the page. */
export const LAUNCH_META = 'osotd-scorm';

/** The launch settings a package wrote into the page, or none. */
export function launchSettings(doc: Pick<Document, 'querySelector'>): LaunchSettings {
  const content = doc.querySelector(`meta[name="${LAUNCH_META}"]`)?.getAttribute('content') ?? '';
  const version = /\bversion=(1\.2|2004)\b/.exec(content)?.[1] as ScormVersion | undefined;
  const scenario = /\bscenario=([a-zA-Z0-9_-]{1,64})/.exec(content)?.[1];
  return { ...(version ? { version } : {}), ...(scenario ? { scenario } : {}) };
}

const NAMES: Record<ScormVersion, 'API' | 'API_1484_11'> = { '1.2': 'API', '2004': 'API_1484_11' };
/** How far up the frames to look (ADL's algorithm uses 500 for 1.2 and 7 levels in practice). */
const MAX_HOPS = 500;

/** The API of a version on one window, or null (a window of another origin cannot be read: null). */
function apiOn(win: Window, version: ScormVersion): FoundApi | null {
  try {
    const api: unknown = Reflect.get(win, NAMES[version]);
    return api && typeof api === 'object' ? ({ version, api } as FoundApi) : null;
  } catch {
    return null;
  }
}

/** This window, then its parents, looking for one version's API. */
function scanUp(start: Window, version: ScormVersion): FoundApi | null {
  let win: Window = start;
  for (let hops = 0; hops <= MAX_HOPS; hops++) {
    const found = apiOn(win, version);
    if (found) return found;
    let parent: Window | null;
    try {
      parent = win.parent;
    } catch {
      return null;
    }
    if (!parent || parent === win) return null;
    win = parent;
  }
  return null;
}

/**
 * The LMS's API: the preferred version first (the package's), then the other; on this window and its
 * parents, then on its opener and the opener's parents. Null when no LMS launched the page.
 */
export function findScormApi(win: Window, prefer: ScormVersion = '2004'): FoundApi | null {
  const order: ScormVersion[] = prefer === '2004' ? ['2004', '1.2'] : ['1.2', '2004'];
  for (const version of order) {
    const found = scanUp(win, version) ?? (win.opener ? scanUp(win.opener as Window, version) : null);
    if (found) return found;
  }
  return null;
}
