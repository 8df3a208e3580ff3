import { describe, expect, it } from 'vitest';
import cbtPack from '../../resources/domain-packs/cbt/pack.json';
import { domainPackSchema } from '../../src/shared/domain/domainPack';
import { coverage, planPersonaCells } from '../../src/main/core/generation/quota';
import { renderTemplate } from '../../src/main/core/generation/templates';

const pack = domainPackSchema.parse(cbtPack);
const plan = {
  distortions: ['all-or-nothing', 'mind-reading', 'catastrophizing', 'should-statements', 'labeling'],
  styles: ['plain', 'upset', 'verbose', 'reserved'],
};

describe('persona quotas', () => {
  it('covers every chosen cell before any cell gets a second persona', () => {
    const ids = pack.distortions.map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining(plan.distortions));
    const cells = planPersonaCells(pack, plan, 20, 7);
    const primary = cells.map((c) => `${c.distortions[0]}|${c.style}`);
    expect(new Set(primary).size).toBe(20);
    expect(coverage(plan, cells).every((c) => c.count >= 1)).toBe(true);
    const forty = planPersonaCells(pack, plan, 40, 7).map((c) => `${c.distortions[0]}|${c.style}`);
    expect(Object.values(forty.reduce<Record<string, number>>((m, k) => ({ ...m, [k]: (m[k] ?? 0) + 1 }), {}))).toEqual(Array(20).fill(2));
  });

  it('is deterministic by seed, draws other attributes from the pack and keeps risk at none unless asked', () => {
    expect(planPersonaCells(pack, plan, 10, 3)).toEqual(planPersonaCells(pack, plan, 10, 3));
    expect(planPersonaCells(pack, plan, 10, 3)).not.toEqual(planPersonaCells(pack, plan, 10, 4));
    const cells = planPersonaCells(pack, plan, 50, 3);
    expect(cells.every((c) => c.riskLevel === 'none')).toBe(true);
    expect(cells.every((c) => pack.presentingProblems.some((p) => p.id === c.presentingProblem))).toBe(true);
    expect(cells.every((c) => c.distortions.length >= 1 && c.distortions.length <= 2)).toBe(true);
    expect(planPersonaCells(pack, plan, 20, 3, ['low', 'high']).every((c) => ['low', 'high'].includes(c.riskLevel))).toBe(true);
  });

  it('covers age bands too when they are part of the plan', () => {
    const cells = planPersonaCells(pack, { ...plan, ageBands: ['18-24', '65+'] }, 40, 1);
    expect(new Set(cells.map((c) => `${c.distortions[0]}|${c.style}|${c.ageBand}`)).size).toBe(40);
  });
});

describe('prompt templates', () => {
  it('fill every placeholder and refuse a missing value', () => {
    expect(renderTemplate('Hello {{name}}, {{name}}!', { name: 'Ana' })).toBe('Hello Ana, Ana!');
    expect(() => renderTemplate('{{scenario}} and {{persona}}', { persona: 'x' })).toThrow(/\{\{scenario\}\}/);
  });
});
