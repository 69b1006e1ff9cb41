/**
 * Tasks run one at a time, in the order they were queued, each after the one before has settled (a failure
 * does not stop the queue). The one serial queue of the code base: the desktop's and the browser host's
 * workspace sessions and the renderer's map store use it. Pure: runs in Node and in the renderer.
 */
export interface SerialQueue {
  run: <T>(task: () => T | Promise<T>) => Promise<T>;
  /** Settles once every task queued so far has settled. */
  idle: () => Promise<void>;
}

export function serialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run: <T>(task: () => T | Promise<T>): Promise<T> => {
      const next = tail.then(task, task);
      tail = next.catch(() => undefined);
      return next;
    },
    idle: () => tail.then(() => undefined),
  };
}
