import { createTheme } from '@mantine/core';

/** A dense, sober theme in the spirit of security portals. */
export const theme = createTheme({
  primaryColor: 'indigo',
  // Shades dark enough for 4.5:1 contrast of links and white button text.
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  fontSizes: { xs: '12px', sm: '13px', md: '14px', lg: '16px', xl: '18px' },
  components: {
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss' } } },
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Table: { defaultProps: { verticalSpacing: 4, horizontalSpacing: 'xs', fz: 'sm' } },
    Button: { defaultProps: { size: 'xs' } },
    TextInput: { defaultProps: { size: 'xs' } },
    Select: { defaultProps: { size: 'xs' } },
    MultiSelect: { defaultProps: { size: 'xs' } },
    NumberInput: { defaultProps: { size: 'xs' } },
    // Dates as the rest of the console writes them ("2 Dec 2026"), on one line in any width.
    DatePickerInput: {
      defaultProps: { valueFormat: 'D MMM YYYY' },
      styles: { input: { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } },
    },
  },
});
