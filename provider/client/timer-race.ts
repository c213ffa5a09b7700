/**
 * Races a promise against a timer. Used where a wait must end on time even if the awaited work never settles: an
 * injected fetch that ignores its abort signal, or a shared token refresh that outlives one caller's deadline.
 */

/**
 * Resolves or rejects like `work` if it settles within `ms`; otherwise rejects with what `onExpiry` returns (called
 * once, when the timer fires, so it can also abort the work). The timer is cleared as soon as either side wins.
 * A rejection of `work` after the timer won is swallowed here: nobody awaits it any more.
 */
export async function raceTimer<T>(work: Promise<T>, ms: number, onExpiry: () => Error): Promise<T> {
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(onExpiry()), Math.max(0, ms));
  });
  try {
    return await Promise.race([work, expiry]);
  } finally {
    clearTimeout(timer);
  }
}
