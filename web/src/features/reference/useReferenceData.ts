import { useQuery } from '@tanstack/react-query';
import { queries } from '../../app/queries';

/** Regions, authorities and batches: they change once a year, so one load per visit of the app is enough. */
export function useReferenceData() {
  return useQuery(queries.reference());
}
