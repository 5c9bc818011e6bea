/** The erasure requests made so far, newest first (administrators). */
export class ListErasureRequestsQuery {}
