/**
 * A limit on how many jobs run at once. Boots are CPU-bound TCG guests and CI has two cores:
 * two at a time keeps a file of boots short without starving each guest (and its timeouts).
 */
export function pool(size: number): <T>(job: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (job) => {
    // A finishing job hands its slot straight to the next waiter, so a newcomer cannot slip in between.
    if (running < size) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await job();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
