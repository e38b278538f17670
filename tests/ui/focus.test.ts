// @vitest-environment jsdom
/**
 * Focus moves after a step wait for the next painted frame. A fast player may take the next step before
 * that (a number key, then Enter at once): the move meant for the step before must not run then, or it
 * takes the focus away from what the newer step focused and the player's Enter lands on the wrong element.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { focusAfterPaintUnlessMoved } from '../../src/lib/ui/focus.ts';

function button(name: string): HTMLButtonElement {
  const element = document.createElement('button');
  element.textContent = name;
  document.body.append(element);
  return element;
}

/** The browser's queue of tasks, run one at a time by the test: a frame's callbacks, then timers. */
let tasks: (() => void)[] = [];
const runNextTask = () => tasks.shift()?.();
const runAllTasks = () => {
  while (tasks.length) runNextTask();
};

beforeEach(() => {
  tasks = [];
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => tasks.push(() => callback(0)));
  vi.stubGlobal('setTimeout', (callback: () => void) => tasks.push(callback));
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

describe('moving the focus after the next paint', () => {
  it('moves it to the target once the frame is painted', () => {
    const next = button('Continue');
    focusAfterPaintUnlessMoved(() => next);
    expect(document.activeElement).not.toBe(next);
    runAllTasks();
    expect(document.activeElement).toBe(next);
  });

  it('never carries out a move that a newer step superseded, not even for a moment', () => {
    const scene = button('the scene');
    const next = button('Continue');
    focusAfterPaintUnlessMoved(() => scene); // the step that showed the choices
    focusAfterPaintUnlessMoved(() => next); // the choice made before that frame was painted
    const focused: (Element | null)[] = [];
    // Each pending task in turn; a key the player presses in between goes to whatever has the focus then.
    while (tasks.length) {
      runNextTask();
      focused.push(document.activeElement);
    }
    expect(focused).not.toContain(scene);
    expect(document.activeElement).toBe(next);
  });

  it('leaves the focus where the person put it meanwhile', () => {
    const next = button('Continue');
    const field = document.createElement('input');
    document.body.append(field);
    focusAfterPaintUnlessMoved(() => next);
    field.focus();
    runAllTasks();
    expect(document.activeElement).toBe(field);
  });
});
