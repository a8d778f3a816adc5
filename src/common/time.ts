/** Seconds since the epoch, as JWT and OAuth responses count time. */
export function epochSeconds(date: Date = new Date()): number {
  return Math.floor(date.getTime() / 1000);
}

export function secondsFromNow(seconds: number, now: Date = new Date()): Date {
  return new Date(now.getTime() + seconds * 1000);
}
