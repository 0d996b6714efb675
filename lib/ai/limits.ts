// How long a generated text may be. Shared by the pipeline, which stops a stream beyond it, and by the panel,
// which never shows more of a draft: a provider that streams megabytes cannot fill the page.

/** The interactions summary: 120 words asked for, so a few hundred characters; beyond this the answer is not one. */
export const MAX_INTERACTIONS_CHARS = 2500;

/** The recommendations JSON: up to 5 items of two 400-character fields and their evidence. */
export const MAX_RECOMMENDATIONS_CHARS = 8000;
