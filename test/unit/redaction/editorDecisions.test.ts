import { describe, expect, it } from 'vitest';
import { decideMention, sameEntity, type MentionLike } from '../../../src/shared/domain/mentionDecisions';

const d = (id: string, text: string, kind = 'name'): MentionLike => ({ id, text, kind });
const detections = [d('a', 'Maria Lopez'), d('b', "maria's"), d('c', 'MARIA'), d('d', 'Portland', 'place'), d('e', 'Marcus')];

describe('the editor decides an entity at once', () => {
  it('groups mentions in any case, possessive and first name of a full name, not other names or kinds', () => {
    expect(sameEntity(detections[0]!, detections[1]!)).toBe(true);
    expect(sameEntity(detections[1]!, detections[2]!)).toBe(true);
    expect(sameEntity(detections[0]!, detections[4]!)).toBe(false);
    expect(sameEntity(d('x', 'Portland'), d('y', 'Portland', 'place'))).toBe(false);
  });

  it('spreads a decision to the undecided mentions only, so each can still be overridden', () => {
    const kept = decideMention(detections, {}, 'c', 'rejected');
    expect(kept).toEqual({ a: 'rejected', b: 'rejected', c: 'rejected' });
    const overridden = decideMention(detections, kept, 'b', 'accepted');
    expect(overridden).toEqual({ a: 'rejected', b: 'accepted', c: 'rejected' });
  });
});
