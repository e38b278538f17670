// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { curvePath, midpoint } from '../../src/lib/map/curves.ts';
import { sceneTitle, sceneTitles } from '../../src/lib/map/describe.ts';

describe('scene titles', () => {
  it('names a scene by the first words of its text, without the speaker or opening quote', () => {
    expect(sceneTitle('Diane: "Thanks for coming in, Samira."', 'introductions')).toBe('Thanks for coming in…');
    expect(sceneTitle('“Forty clicks, maybe more.”', 'liveTriage')).toBe('Forty clicks, maybe…');
    expect(sceneTitle('The call ends.', 'end')).toBe('The call ends.');
  });

  it('falls back to the id when the scene has no words', () => {
    expect(sceneTitle('', 'quiet')).toBe('quiet');
  });

  it('tells apart scenes whose first words are the same', () => {
    const titles = sceneTitles([
      { id: 'a', firstLine: 'Monday.' },
      { id: 'b', firstLine: 'Monday.' },
      { id: 'c', firstLine: 'Tuesday.' },
    ]);
    expect([...titles.values()]).toEqual(['Monday.', 'Monday. (2)', 'Tuesday.']);
  });
});

describe('edge geometry', () => {
  it('draws an S-curve through every point, and straight lines for a loop', () => {
    expect(
      curvePath(
        [
          { x: 0, y: 0 },
          { x: 10, y: 20 },
        ],
        false,
      ),
    ).toBe('M0,0 C0,10 10,10 10,20');
    expect(
      curvePath(
        [
          { x: 0, y: 0 },
          { x: 5, y: 5 },
          { x: 0, y: 10 },
        ],
        true,
      ),
    ).toBe('M0,0 L5,5 L0,10');
    expect(curvePath([], false)).toBe('');
  });

  it('puts a label halfway along the line', () => {
    expect(
      midpoint([
        { x: 0, y: 0 },
        { x: 0, y: 10 },
        { x: 30, y: 10 },
      ]),
    ).toEqual({ x: 10, y: 10 });
    expect(midpoint([{ x: 4, y: 4 }])).toEqual({ x: 4, y: 4 });
  });
});
