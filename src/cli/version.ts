/** The package version `http-error-kit --version` prints; a test keeps it equal to package.json's. */
export const VERSION = '0.1.0';
