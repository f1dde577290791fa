/**
 * 逾期不予受理: the city's package must be received by the batch's deadline — inclusive to the second,
 * by the server's clock — or before the end of an exception the province granted to that city.
 */
export interface DeadlineException {
  endsAt: string;
}

export function isWithinDeadline(now: Date, deadline: string, exception: DeadlineException | null): boolean {
  const closesAt = Math.max(Date.parse(deadline), exception ? Date.parse(exception.endsAt) : -Infinity);
  return Math.floor(now.getTime() / 1000) <= Math.floor(closesAt / 1000);
}
