import { screen } from '@testing-library/svelte';
import type { UserEvent } from '@testing-library/user-event';
import type { PathStep } from '../../src/lib/engine/analyse.ts';
import type { Scenario } from '../../src/lib/engine/schema.ts';

/** Play an analyser path through the UI as a person would: click each choice by its label, or Continue. */
export async function playPath(user: UserEvent, scenario: Scenario, path: PathStep[]): Promise<void> {
  for (const step of path) {
    if (step.by === 'player') {
      const label = (scenario.machine.states[step.scene]!.on![step.event] as { meta: { label: string } }).meta.label;
      await user.click(screen.getByRole('button', { name: new RegExp(escape(label)) }));
    } else {
      await user.click(screen.getByRole('button', { name: 'Continue' }));
    }
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
