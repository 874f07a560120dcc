import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError } from '../../src/db/errors.ts';
import { FirstRunGate } from '../../src/db/first-run-gate.ts';

/** Work that records how many runs of it overlap, and finishes (or fails) when told. */
function probe() {
  let running = 0;
  const overlaps: number[] = [];
  const pending: { finish: () => void; fail: (error: Error) => void }[] = [];
  const work = () =>
    new Promise<string>((resolve, reject) => {
      running++;
      overlaps.push(running);
      pending.push({
        finish: () => {
          running--;
          resolve('answer');
        },
        fail: (error) => {
          running--;
          reject(error);
        },
      });
    });
  return { work, overlaps, pending, running: () => running };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the first-run gate', () => {
  it('when a text is first run, then only its first reader prepares it (has it planned), before its own run; later reads neither wait nor prepare', async () => {
    const gate = new FirstRunGate();
    const steps: string[] = [];
    const prepare = async () => {
      steps.push('plan');
    };
    const read = (who: string) => gate.run('MATCH (n) RETURN n', async () => void steps.push(`run ${who}`), prepare);
    await Promise.all([read('first'), read('second'), read('third')]);
    expect(steps).toEqual(['plan', 'run first', 'run second', 'run third']);
    expect(gate.isWarm('MATCH (n) RETURN n')).toBe(true);
    await read('later');
    expect(steps.slice(4)).toEqual(['run later']);
  });

  it('when many ask a text not yet run, then one runs; once it succeeds, the others run together', async () => {
    const gate = new FirstRunGate();
    const { work, pending, running } = probe();
    const answers = Array.from({ length: 5 }, () => gate.run('MATCH (n) RETURN n', work));
    await tick();
    expect(running()).toBe(1);
    pending[0]!.finish();
    await tick();
    expect(running()).toBe(4);
    for (const p of pending.slice(1)) p.finish();
    expect(await Promise.all(answers)).toEqual(Array(5).fill('answer'));
    // Warm now: the next ones do not wait for each other.
    const later = [gate.run('MATCH (n) RETURN n', work), gate.run('MATCH (n) RETURN n', work)];
    await tick();
    expect(running()).toBe(2);
    for (const p of pending.slice(5)) p.finish();
    await Promise.all(later);
  });

  it('when the first run fails, then only it hears the error and the next waiter runs alone', async () => {
    const gate = new FirstRunGate();
    const { work, pending, running } = probe();
    const first = gate.run('q', work);
    const second = gate.run('q', work);
    const third = gate.run('q', work);
    await tick();
    pending[0]!.fail(new Error('timed out'));
    await expect(first).rejects.toThrow('timed out');
    await tick();
    expect(running()).toBe(1);
    pending[1]!.finish();
    await tick();
    pending[2]!.finish();
    expect(await Promise.all([second, third])).toEqual(['answer', 'answer']);
  });

  it('when Neo4j goes away, then its waiters hear so at once and every text is gated again; other texts never wait for each other', async () => {
    const gate = new FirstRunGate();
    const { work, pending, running } = probe();
    const warmUp = gate.run('a', work);
    await tick();
    pending[0]!.finish();
    await warmUp;

    // A cold text does not hold up a warm one.
    const failing = gate.run('b', work);
    const other = gate.run('a', work);
    await tick();
    expect(running()).toBe(2);
    pending[2]!.finish();
    await other;
    const waiting = gate.run('b', work);
    await tick();
    expect(running()).toBe(1);
    pending[1]!.fail(new DatabaseUnavailableError('Neo4j is unavailable'));
    await expect(failing).rejects.toBeInstanceOf(DatabaseUnavailableError);
    // Who waited on that run hears the same at once, without a run of its own.
    await expect(waiting).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(running()).toBe(0);

    const again = [gate.run('a', work), gate.run('a', work)];
    await tick();
    expect(running()).toBe(1);
    pending[3]!.finish();
    await tick();
    pending[4]!.finish();
    await Promise.all(again);
  });
});
