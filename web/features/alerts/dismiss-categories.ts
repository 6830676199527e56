import type { DismissCategory } from '../../api.ts';

/** The categories a dismissal is filed under, in the order the dismiss dialog offers them. */
export const dismissCategories: ReadonlyArray<{
  value: DismissCategory;
  label: string;
  description: string;
}> = [
  {
    value: 'false_positive',
    label: 'False positive',
    description: 'The detection was wrong: nothing of the kind happened',
  },
  {
    value: 'benign_true_positive',
    label: 'Benign true positive',
    description: 'It happened, and it was allowed (an approved transfer, a test)',
  },
  { value: 'duplicate', label: 'Duplicate', description: 'Another alert already covers it' },
  { value: 'other', label: 'Other', description: 'Explained in the reason' },
];

export const dismissCategoryLabels = Object.fromEntries(
  dismissCategories.map((c) => [c.value, c.label]),
) as Record<DismissCategory, string>;
