/** The values the search form offers: what the callback views hold now, each list in code-point order. */
export interface SearchChoices {
  callCenters: string[];
  businessLabels: string[];
  /** Agents assigned to some callback (未割当 is the form's own choice, not a value). */
  agents: string[];
}

/** The search form's choices, over the callback view. */
export interface CallbackChoices {
  /** Read from the indexes of the callback view (a few index seeks per value, never a scan of the rows). */
  searchChoices(): Promise<SearchChoices>;
}

export const CALLBACK_CHOICES = Symbol('CALLBACK_CHOICES');
