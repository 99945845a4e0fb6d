import type { GlobalThemeOverrides } from 'naive-ui';

/** HedgeDesk's teal (from the app icon) as naive-ui's primary color, per light and dark theme. */
export const themeOverrides: Record<'light' | 'dark', GlobalThemeOverrides> = {
  light: {
    common: {
      primaryColor: '#0f766e',
      primaryColorHover: '#0d9488',
      primaryColorPressed: '#115e59',
      primaryColorSuppl: '#0d9488',
    },
  },
  dark: {
    common: {
      primaryColor: '#2dd4bf',
      primaryColorHover: '#5eead4',
      primaryColorPressed: '#14b8a6',
      primaryColorSuppl: '#14b8a6',
    },
  },
};
