/**
 * The rules a provider with OpenAI-style Structured Outputs applies to a `strict: true` json_schema
 * before it answers at all: such a provider refuses the whole request (400) when one rule is broken,
 * so every schema the app sends must pass all of them. Taken from OpenAI's documented subset:
 *
 * - the name matches ^[a-zA-Z0-9_-]{1,64}$; the root is an object, not an anyOf;
 * - every object has `additionalProperties: false` and lists every property in `required`
 *   (an optional field is a union with null instead);
 * - only the supported keywords: type, properties, required, additionalProperties, items, enum,
 *   const, anyOf, $ref with $defs/definitions, description/title, and the listed constraints:
 *   strings `pattern` and `format`, numbers `minimum`/`maximum`/`exclusiveMinimum`/`exclusiveMaximum`/
 *   `multipleOf`, arrays `minItems`/`maxItems`. Not minLength/maxLength, allOf, oneOf, not,
 *   if/then/else, uniqueItems, patternProperties, prefixItems, default…;
 * - at most 10 levels of object nesting and 5,000 object properties in all; at most 1,000 enum
 *   values in all and 120,000 characters of property names, definition names and enum/const values.
 */

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

export const STRICT_LIMITS = { depth: 10, properties: 5000, enumValues: 1000, characters: 120_000 } as const;

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const ANNOTATIONS = new Set(['description', 'title']);
const COMMON = new Set(['type', 'enum', 'const', 'anyOf', '$ref', ...ANNOTATIONS]);
const BY_TYPE: Record<string, Set<string>> = {
  object: new Set(['properties', 'required', 'additionalProperties']),
  array: new Set(['items', 'minItems', 'maxItems']),
  string: new Set(['pattern', 'format']),
  number: new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']),
  integer: new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']),
  boolean: new Set(),
  null: new Set(),
};
const FORMATS = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']);

/** Every broken rule, each as "where: what" (empty when the schema is accepted). */
export function strictSchemaViolations(name: unknown, schema: unknown): string[] {
  const problems: string[] = [];
  if (typeof name !== 'string' || !NAME.test(name)) problems.push(`name: "${String(name)}" must match ^[a-zA-Z0-9_-]{1,64}$`);
  if (!isRec(schema)) return [...problems, '(root): the schema must be a JSON object'];
  if (schema.type !== 'object' || 'anyOf' in schema) problems.push('(root): the root must be of type "object" and not an anyOf');
  const totals = { properties: 0, enumValues: 0, characters: 0 };
  const definitions = { ...(isRec(schema.$defs) ? schema.$defs : {}), ...(isRec(schema.definitions) ? schema.definitions : {}) };
  for (const [id, definition] of Object.entries(definitions)) {
    totals.characters += id.length;
    walk(definition, `#/definitions/${id}`, 0, problems, totals);
  }
  const { $defs: _defs, definitions: _definitions, $schema: _dialect, ...root } = schema;
  walk(root, '(root)', 0, problems, totals);
  if (totals.properties > STRICT_LIMITS.properties)
    problems.push(`(root): ${totals.properties} object properties, more than ${STRICT_LIMITS.properties}`);
  if (totals.enumValues > STRICT_LIMITS.enumValues)
    problems.push(`(root): ${totals.enumValues} enum values, more than ${STRICT_LIMITS.enumValues}`);
  if (totals.characters > STRICT_LIMITS.characters)
    problems.push(`(root): ${totals.characters} characters of names and enum values, more than ${STRICT_LIMITS.characters}`);
  return problems;
}

function typesOf(node: Rec): string[] {
  if (typeof node.type === 'string') return [node.type];
  if (Array.isArray(node.type)) return node.type.map(String);
  return [];
}

function walk(
  node: unknown,
  at: string,
  depth: number,
  problems: string[],
  totals: { properties: number; enumValues: number; characters: number },
) {
  if (!isRec(node)) {
    problems.push(`${at}: a schema must be a JSON object (true, false and other shorthands are not supported)`);
    return;
  }
  const types = typesOf(node);
  const hasComposition = 'anyOf' in node || '$ref' in node || 'const' in node || 'enum' in node;
  if (types.length === 0 && !hasComposition) problems.push(`${at}: "type" is required`);
  for (const t of types) if (!(t in BY_TYPE)) problems.push(`${at}: the type "${t}" is not supported`);
  const allowed = new Set([...COMMON, ...types.flatMap((t) => [...(BY_TYPE[t] ?? [])])]);
  for (const key of Object.keys(node)) if (!allowed.has(key)) problems.push(`${at}: the keyword "${key}" is not supported`);
  if (typeof node.format === 'string' && !FORMATS.has(node.format)) problems.push(`${at}: the format "${node.format}" is not supported`);
  if (typeof node.pattern === 'string') {
    try {
      new RegExp(node.pattern, 'u');
    } catch {
      problems.push(`${at}: the pattern is not a valid regular expression`);
    }
  }
  const values = [...(Array.isArray(node.enum) ? node.enum : []), ...('const' in node ? [node.const] : [])];
  totals.enumValues += Array.isArray(node.enum) ? node.enum.length : 0;
  for (const v of values) totals.characters += String(v).length;
  if (types.includes('object')) {
    if (depth + 1 > STRICT_LIMITS.depth) problems.push(`${at}: objects nested more than ${STRICT_LIMITS.depth} levels deep`);
    if (node.additionalProperties !== false) problems.push(`${at}: "additionalProperties" must be false`);
    const properties = isRec(node.properties) ? node.properties : {};
    const required = new Set(Array.isArray(node.required) ? node.required.map(String) : []);
    for (const key of Object.keys(properties)) {
      totals.properties++;
      totals.characters += key.length;
      if (!required.has(key))
        problems.push(`${at}: the property "${key}" must be listed in "required" (use a union with null for an optional field)`);
      walk(properties[key], `${at}.${key}`, depth + 1, problems, totals);
    }
    for (const key of required) if (!(key in properties)) problems.push(`${at}: "required" names "${key}", which is not a property`);
  }
  if (types.includes('array')) {
    if (!('items' in node)) problems.push(`${at}: an array needs "items"`);
    else walk(node.items, `${at}[]`, depth, problems, totals);
  }
  if (Array.isArray(node.anyOf)) node.anyOf.forEach((variant, i) => walk(variant, `${at}.anyOf[${i}]`, depth, problems, totals));
  else if ('anyOf' in node) problems.push(`${at}: "anyOf" must be a list of schemas`);
  if ('$ref' in node && (typeof node.$ref !== 'string' || !node.$ref.startsWith('#')))
    problems.push(`${at}: only a local "$ref" (starting with #) is supported`);
}
