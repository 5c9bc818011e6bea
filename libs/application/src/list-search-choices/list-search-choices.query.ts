/** The choices of the search form (コールセンター名, 業務ラベル名, 担当者): the values that exist in the views. */
export class ListSearchChoicesQuery {}
