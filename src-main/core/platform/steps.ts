import { yieldToEventLoop } from './scheduler';

/**
 * Long reads written as generators that yield between slices of work (a module's section of the
 * regulator summary, a few hundred orders of a MAR). `runSteps` runs them to the end at once, where
 * they must not be interrupted (inside a transaction); `runStepsInTurns` gives the event loop back
 * at each yield, so nurse calls are answered in between.
 */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export async function runStepsInTurns<T>(steps: Generator<void, T>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await yieldToEventLoop();
  }
}
