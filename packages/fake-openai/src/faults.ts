import type { FaultKind, FaultOptions, FaultTrigger } from './options';
import { FAULT_KINDS } from './options';
import { mulberry32 } from './prng';

/**
 * Decides which injected fault (if any) hits each POST /v1/responses. Deterministic: the same
 * seed, fault options and request sequence give the same faults.
 */
export class FaultPlanner {
  #count = 0;
  #random: () => number;

  constructor(
    private faults: FaultOptions,
    private seed: number,
  ) {
    this.#random = mulberry32(seed);
  }

  reset(faults: FaultOptions = this.faults, seed: number = this.seed): void {
    this.faults = faults;
    this.seed = seed;
    this.#count = 0;
    this.#random = mulberry32(seed);
  }

  get options(): FaultOptions {
    return this.faults;
  }

  /** The fault for the next request, checked in a fixed order; at most one fires. */
  next(): FaultKind | null {
    this.#count += 1;
    let hit: FaultKind | null = null;
    for (const kind of FAULT_KINDS) {
      const trigger = this.faults[kind];
      if (!trigger) continue;
      // Draw for every configured rate, even after a hit, so one fault's rate does not shift
      // the sequence another sees.
      const fires = this.#fires(trigger);
      if (fires && hit === null) hit = kind;
    }
    return hit;
  }

  #fires(trigger: FaultTrigger): boolean {
    let fires = false;
    if (trigger.rate !== undefined && trigger.rate > 0)
      fires = this.#random() < trigger.rate || fires;
    if (
      trigger.everyNth !== undefined &&
      trigger.everyNth > 0 &&
      this.#count % trigger.everyNth === 0
    )
      fires = true;
    if (trigger.first !== undefined && this.#count <= trigger.first) fires = true;
    return fires;
  }
}
