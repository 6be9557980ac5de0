// Package assess judges a structured HSG report: it validates the
// findings ([Validate]), generates the impression and recommendations
// from them ([GenerateImpression], [GenerateRecommendations]) following
// the rules of the HSG reporting note (§6.1), keeps the sentences the
// radiologist edited while saying which ones the findings have since
// outdated ([RefreshImpression], [ImpressionStale]), and signs and
// amends a report ([Sign], [Amend]) only when nothing blocks it.
//
// The consistency, completeness and plausibility rules are one table,
// [Rules]: each [Rule] has an ID, a severity, a reason in words and the
// fields it reads; [Validate] applies it, an error blocks [Sign], and the
// generator states no tube a rule forbids. The study's images are the
// source of truth for the patient and the study: [CheckIdentity] compares
// a draft with them, [SignAgainst] refuses a mismatch, [Blocking] lists
// everything that stops signing, and [Relink] re-links a draft to the
// images, recording who did it, when and what it replaced.
//
// The generator goes tubes first (right, then left, merged into
// "Bilateral …" when both sides read the same), then cavity, anomaly,
// peritoneum and delayed image, complications, limitations and
// recommendations. It never calls a tube patent without a spill value,
// never calls it occluded without a site, and never mentions the delayed
// image unless one was obtained.
//
// The impression and recommendations are written in the report's
// language (report.Report.Language: English, or Russian for "ru"): the
// generator decides once what to say and takes its words from the
// phrasebook of that language (words.go, words_ru.go), so each
// guard-rail holds in both. [SetLanguage] changes a draft's language and
// regenerates what was generated, keeping what the radiologist edited.
//
// [ExampleReport] builds the realistic example report of the demo study.
// The package does no I/O.
package assess
