// Facts the AWS SDK attaches to the errors it throws. No SDK import here: the entry point reads these on every
// failure, and loading the SDK just to read a property would slow down every command that fails before calling AWS.
/**
 * Attempts the SDK made before giving up, from the error it threw (`$metadata.attempts`, set by its retry
 * middleware), looking through `cause` for errors stsctl wrapped.
 */
export function attemptsOf(error: unknown): number | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
    const attempts = (current as { $metadata?: { attempts?: unknown } }).$metadata?.attempts;
    if (typeof attempts === 'number' && attempts > 0) return attempts;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
