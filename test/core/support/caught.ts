/** The error `run` throws, checked to be of class `type`; fails the test when nothing or something else is thrown. */
export function caught<E extends Error>(run: () => unknown, type: new (...args: never[]) => E): E {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}`);
}
