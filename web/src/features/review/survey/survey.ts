import { surveyMethods, type Rating, type ReviewView, type SurveyMethod } from '#contract';

/** The drawn survey of a review. */
export type Survey = NonNullable<ReviewView['survey']>;

export const methodOptions = (Object.keys(surveyMethods) as SurveyMethod[]).map((value) => ({
  value,
  label: surveyMethods[value],
}));

export const RATING_COLORS: Record<Rating, string> = {
  very_satisfied: 'green',
  satisfied: 'cyan',
  dissatisfied: 'red',
};
