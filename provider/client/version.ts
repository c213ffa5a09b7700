/** This package's version, sent in the User-Agent. Kept in sync with package.json by a unit test. */
export const VERSION = "0.1.0";
