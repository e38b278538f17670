/**
 * A small checker of xAPI 1.0.3 statements (Data section 2.4), as a record store applies it: the required
 * properties (actor, verb, object), actors with exactly one identifier, IRIs for verb, activity, activity
 * type and extension ids, language maps, the shapes of result and context, UUIDs, ISO 8601 timestamps
 * and durations, and no properties the specification does not define. Returns the problems in words.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** An absolute IRI: a scheme, then no spaces or characters IRIs exclude. */
const IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i;
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DURATION = /^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$/;

class Checker {
  problems: string[] = [];
  fail(path: string, what: string) {
    this.problems.push(`${path}: ${what}`);
  }
  only(value: Json, path: string, allowed: readonly string[]) {
    for (const key of Object.keys(value)) if (!allowed.includes(key)) this.fail(`${path}.${key}`, 'is not a property xAPI defines here');
  }
  iri(value: unknown, path: string) {
    if (typeof value !== 'string' || !IRI.test(value)) this.fail(path, `must be an IRI, got ${JSON.stringify(value)}`);
  }
  languageMap(value: unknown, path: string) {
    if (!isObject(value)) return this.fail(path, 'must be a language map');
    for (const [tag, text] of Object.entries(value)) {
      if (!LANGUAGE_TAG.test(tag)) this.fail(`${path}.${tag}`, 'is not an RFC 5646 language tag');
      if (typeof text !== 'string') this.fail(`${path}.${tag}`, 'must be text');
    }
  }
  extensions(value: unknown, path: string) {
    if (!isObject(value)) return this.fail(path, 'must be an object');
    for (const key of Object.keys(value)) this.iri(key, `${path} key`);
  }
  agent(value: unknown, path: string, inGroup = false) {
    if (!isObject(value)) return this.fail(path, 'must be an Agent');
    if (value.objectType === 'Group' && !inGroup) return this.group(value, path);
    if (value.objectType !== undefined && value.objectType !== 'Agent') this.fail(`${path}.objectType`, 'must be "Agent" or "Group"');
    this.only(value, path, ['objectType', 'name', 'mbox', 'mbox_sha1sum', 'openid', 'account']);
    const ids = this.identifiers(value, path);
    if (ids !== 1) this.fail(path, `an Agent needs exactly one identifier, has ${ids}`);
  }
  group(value: Json, path: string) {
    this.only(value, path, ['objectType', 'name', 'member', 'mbox', 'mbox_sha1sum', 'openid', 'account']);
    const ids = this.identifiers(value, path);
    if (ids > 1) this.fail(path, 'a Group has at most one identifier');
    if (ids === 0 && !Array.isArray(value.member)) this.fail(path, 'an anonymous Group must list its members');
    if (value.member !== undefined) {
      if (!Array.isArray(value.member)) this.fail(`${path}.member`, 'must be a list');
      else value.member.forEach((m, i) => this.agent(m, `${path}.member[${i}]`, true));
    }
  }
  identifiers(value: Json, path: string): number {
    if (value.name !== undefined && typeof value.name !== 'string') this.fail(`${path}.name`, 'must be text');
    if (value.mbox !== undefined && (typeof value.mbox !== 'string' || !/^mailto:[^\s@]+@[^\s@]+$/.test(value.mbox))) {
      this.fail(`${path}.mbox`, 'must be a mailto: IRI');
    }
    if (value.mbox_sha1sum !== undefined && !/^[0-9a-f]{40}$/i.test(String(value.mbox_sha1sum))) this.fail(`${path}.mbox_sha1sum`, 'must be 40 hex digits');
    if (value.openid !== undefined) this.iri(value.openid, `${path}.openid`);
    if (value.account !== undefined) {
      const account = value.account;
      if (!isObject(account)) this.fail(`${path}.account`, 'must be an object');
      else {
        this.only(account, `${path}.account`, ['homePage', 'name']);
        this.iri(account.homePage, `${path}.account.homePage`);
        if (typeof account.name !== 'string' || !account.name) this.fail(`${path}.account.name`, 'must be text');
      }
    }
    return ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((k) => value[k] !== undefined).length;
  }
  activity(value: unknown, path: string) {
    if (!isObject(value)) return this.fail(path, 'must be an Activity');
    if (value.objectType !== undefined && value.objectType !== 'Activity') this.fail(`${path}.objectType`, 'must be "Activity"');
    this.only(value, path, ['objectType', 'id', 'definition']);
    this.iri(value.id, `${path}.id`);
    if (value.definition === undefined) return;
    const d = value.definition;
    if (!isObject(d)) return this.fail(`${path}.definition`, 'must be an object');
    const interaction = ['interactionType', 'correctResponsesPattern', 'choices', 'scale', 'source', 'target', 'steps'];
    this.only(d, `${path}.definition`, ['name', 'description', 'type', 'moreInfo', 'extensions', ...interaction]);
    if (d.name !== undefined) this.languageMap(d.name, `${path}.definition.name`);
    if (d.description !== undefined) this.languageMap(d.description, `${path}.definition.description`);
    if (d.type !== undefined) this.iri(d.type, `${path}.definition.type`);
    if (d.moreInfo !== undefined) this.iri(d.moreInfo, `${path}.definition.moreInfo`);
    if (d.extensions !== undefined) this.extensions(d.extensions, `${path}.definition.extensions`);
  }
  result(value: unknown, path: string) {
    if (!isObject(value)) return this.fail(path, 'must be an object');
    this.only(value, path, ['score', 'success', 'completion', 'response', 'duration', 'extensions']);
    if (value.success !== undefined && typeof value.success !== 'boolean') this.fail(`${path}.success`, 'must be true or false');
    if (value.completion !== undefined && typeof value.completion !== 'boolean') this.fail(`${path}.completion`, 'must be true or false');
    if (value.response !== undefined && typeof value.response !== 'string') this.fail(`${path}.response`, 'must be text');
    if (value.duration !== undefined && (typeof value.duration !== 'string' || !DURATION.test(value.duration))) {
      this.fail(`${path}.duration`, 'must be an ISO 8601 duration');
    }
    if (value.score !== undefined) {
      const s = value.score;
      if (!isObject(s)) this.fail(`${path}.score`, 'must be an object');
      else if (s.scaled !== undefined && (typeof s.scaled !== 'number' || s.scaled < -1 || s.scaled > 1))
        this.fail(`${path}.score.scaled`, 'must be from -1 to 1');
    }
    if (value.extensions !== undefined) this.extensions(value.extensions, `${path}.extensions`);
  }
  context(value: unknown, path: string) {
    if (!isObject(value)) return this.fail(path, 'must be an object');
    this.only(value, path, ['registration', 'instructor', 'team', 'contextActivities', 'revision', 'platform', 'language', 'statement', 'extensions']);
    if (value.registration !== undefined && !UUID.test(String(value.registration))) this.fail(`${path}.registration`, 'must be a UUID');
    if (value.instructor !== undefined) this.agent(value.instructor, `${path}.instructor`);
    if (value.team !== undefined && (!isObject(value.team) || value.team.objectType !== 'Group')) this.fail(`${path}.team`, 'must be a Group');
    if (value.platform !== undefined && typeof value.platform !== 'string') this.fail(`${path}.platform`, 'must be text');
    if (value.language !== undefined && !LANGUAGE_TAG.test(String(value.language))) this.fail(`${path}.language`, 'must be an RFC 5646 tag');
    if (value.contextActivities !== undefined) {
      const ca = value.contextActivities;
      if (!isObject(ca)) this.fail(`${path}.contextActivities`, 'must be an object');
      else {
        this.only(ca, `${path}.contextActivities`, ['parent', 'grouping', 'category', 'other']);
        for (const [key, list] of Object.entries(ca)) {
          const items = Array.isArray(list) ? list : [list];
          items.forEach((a, i) => this.activity(a, `${path}.contextActivities.${key}[${i}]`));
        }
      }
    }
    if (value.extensions !== undefined) this.extensions(value.extensions, `${path}.extensions`);
  }
}

/** The problems of one statement, in words; empty when it follows the rules. */
export function statementProblems(statement: unknown): string[] {
  const c = new Checker();
  if (!isObject(statement)) return ['the statement must be a JSON object'];
  c.only(statement, 'statement', ['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'stored', 'authority', 'version', 'attachments']);
  if (statement.id === undefined || !UUID.test(String(statement.id))) c.fail('statement.id', 'must be a UUID');
  if (statement.actor === undefined) c.fail('statement.actor', 'is required');
  else c.agent(statement.actor, 'statement.actor');
  const verb = statement.verb;
  if (!isObject(verb)) c.fail('statement.verb', 'is required');
  else {
    c.only(verb, 'statement.verb', ['id', 'display']);
    c.iri(verb.id, 'statement.verb.id');
    if (verb.display !== undefined) c.languageMap(verb.display, 'statement.verb.display');
  }
  if (statement.object === undefined) c.fail('statement.object', 'is required');
  else c.activity(statement.object, 'statement.object');
  if (statement.result !== undefined) c.result(statement.result, 'statement.result');
  if (statement.context !== undefined) c.context(statement.context, 'statement.context');
  if (statement.timestamp !== undefined && (typeof statement.timestamp !== 'string' || !TIMESTAMP.test(statement.timestamp))) {
    c.fail('statement.timestamp', 'must be an ISO 8601 time with its zone');
  }
  if (statement.version !== undefined && !/^1\.0(\.\d+)?$/.test(String(statement.version))) c.fail('statement.version', 'must be 1.0.x');
  return c.problems;
}
