import OpenAI, { BadRequestError } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { describe, expect, it, onTestFinished } from 'vitest';
import { z } from 'zod';
import { startFakeOpenAI } from '../support/fakeOpenAI';
import { sampleJsonSchema } from '../support/fakeOpenAI/jsonSchemaSample';
import { createPrng } from '../support/fakeOpenAI/prng';
import { STRICT_LIMITS, strictSchemaViolations } from '../support/fakeOpenAI/strictSchemaRules';

const object = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
  ...extra,
});

describe("the strict schema rules (OpenAI's documented subset)", () => {
  it('accepts what strict mode supports: nested objects, nullable unions, enums, $ref, bounds, patterns', () => {
    const schema = {
      ...object({
        label: { type: 'string', enum: ['a', 'b'] },
        note: { anyOf: [{ type: 'string', pattern: '\\S' }, { type: 'null' }] },
        score: { type: ['integer', 'null'], minimum: 1, maximum: 5 },
        items: { type: 'array', minItems: 1, maxItems: 3, items: { $ref: '#/definitions/item' } },
        kind: { const: 'x', description: 'fixed' },
      }),
      $schema: 'http://json-schema.org/draft-07/schema#',
      definitions: { item: object({ at: { type: 'string', format: 'date-time' } }) },
    };
    expect(strictSchemaViolations('my_schema-1', schema)).toEqual([]);
  });

  it('names each broken rule with where it is', () => {
    const broken = {
      type: 'object',
      properties: {
        text: { type: 'string', minLength: 1, maxLength: 10 },
        optional: { type: 'string' },
        open: { type: 'object', properties: { a: { type: 'number' } }, required: ['a'] },
        both: { allOf: [{ type: 'string' }] },
        tags: { type: 'array', items: { type: 'string' }, uniqueItems: true },
        when: { type: 'string', format: 'url' },
      },
      required: ['text', 'open', 'both', 'tags', 'when'],
      additionalProperties: false,
    };
    expect(strictSchemaViolations('a name', broken)).toEqual([
      'name: "a name" must match ^[a-zA-Z0-9_-]{1,64}$',
      '(root).text: the keyword "minLength" is not supported',
      '(root).text: the keyword "maxLength" is not supported',
      '(root): the property "optional" must be listed in "required" (use a union with null for an optional field)',
      '(root).open: "additionalProperties" must be false',
      '(root).both: "type" is required',
      '(root).both: the keyword "allOf" is not supported',
      '(root).tags: the keyword "uniqueItems" is not supported',
      '(root).when: the format "url" is not supported',
    ]);
    expect(strictSchemaViolations('list', { type: 'array', items: { type: 'string' } })).toContain(
      '(root): the root must be of type "object" and not an anyOf',
    );
  });

  it('holds the size limits: nesting depth, property count, enum values', () => {
    let deep: Record<string, unknown> = object({ leaf: { type: 'string' } });
    for (let i = 1; i < STRICT_LIMITS.depth; i++) deep = object({ inner: deep });
    expect(strictSchemaViolations('deep', deep)).toEqual([]);
    expect(strictSchemaViolations('deeper', object({ inner: deep })).join()).toMatch(/nested more than 10 levels/);
    const wide = object(Object.fromEntries(Array.from({ length: STRICT_LIMITS.properties + 1 }, (_, i) => [`p${i}`, { type: 'boolean' }])));
    expect(strictSchemaViolations('wide', wide).join()).toMatch(/5001 object properties, more than 5000/);
    const labels = Array.from({ length: STRICT_LIMITS.enumValues + 1 }, (_, i) => `v${i}`);
    expect(strictSchemaViolations('labels', object({ v: { type: 'string', enum: labels } })).join()).toMatch(/1001 enum values/);
  });

  it('the schema-strict fake refuses a strict schema outside the subset with a 400 that names the rule', async () => {
    const fake = await startFakeOpenAI({ schemaStrict: 'minimal' });
    onTestFinished(() => fake.close());
    const client = new OpenAI({ apiKey: 'k', baseURL: fake.url, maxRetries: 0 });
    const ask = (schema: z.ZodType) =>
      client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
        response_format: zodResponseFormat(schema, 'answer'),
      });
    const refused = await ask(z.object({ name: z.string().min(1) })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BadRequestError);
    expect((refused as BadRequestError).message).toMatch(
      /Invalid schema for response_format 'answer': \(root\)\.name: the keyword "minLength"/,
    );
    const fine = await ask(z.object({ name: z.string().regex(/\S/) }));
    expect(JSON.parse(fine.choices[0]!.message.content!)).toEqual({ name: 'x' });
  });
});

describe('minimal answers: the least a strict provider may say', () => {
  const schema = object({
    note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    free: { type: 'string' },
    filled: { type: 'string', pattern: '\\S' },
    score: { type: 'integer', minimum: 2, maximum: 7 },
    maybe: { type: ['number', 'null'], minimum: 0 },
    open: { type: 'number' },
    step: { type: 'number', exclusiveMinimum: 0, maximum: 1, multipleOf: 0.25 },
    list: { type: 'array', items: { type: 'string' } },
    some: { type: 'array', minItems: 2, items: object({ ok: { type: 'boolean' } }) },
    label: { type: 'string', enum: ['first', 'second'] },
  });

  it('gives null where allowed, empty strings and arrays, the first label, false, and numbers at a bound', () => {
    const seen = new Set<number>();
    for (let seed = 0; seed < 12; seed++) {
      const value = sampleJsonSchema(schema, createPrng(seed), { minimal: true }) as Record<string, unknown>;
      expect(value).toMatchObject({
        note: null,
        free: '',
        filled: 'x',
        maybe: null,
        open: 0,
        list: [],
        some: [{ ok: false }, { ok: false }],
        label: 'first',
      });
      expect([2, 7]).toContain(value.score);
      expect([0.25, 1]).toContain(value.step);
      seen.add(value.score as number);
    }
    expect([...seen].sort()).toEqual([2, 7]);
  });
});

describe('patterns', () => {
  it('every answering mode gives strings that fit the pattern of their schema', () => {
    const schema = object({ digits: { type: 'string', pattern: '^[0-9]+$' }, said: { type: 'string', pattern: '\\S' } });
    for (const options of [{}, { strict: true }, { minimal: true }]) {
      const value = sampleJsonSchema(schema, createPrng(3), options) as { digits: string; said: string };
      expect(value.digits).toMatch(/^[0-9]+$/);
      expect(value.said).toMatch(/\S/);
    }
  });
});
