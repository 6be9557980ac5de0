// Package assess judges a structured HSG report: it validates the
// findings ([Validate]), generates the impression and recommendations
// from them ([GenerateImpression], [GenerateRecommendations]) following
// the rules of the HSG reporting note (§6.1), keeps the sentences the
// radiologist edited while saying which ones the findings have since
// outdated ([RefreshImpression], [ImpressionStale]), and signs and
// amends a report ([Sign], [Amend]) only when nothing blocks it.
//
// The generator goes tubes first (right, then left, merged into
// "Bilateral …" when both sides read the same), then cavity, anomaly,
// peritoneum and delayed image, complications, limitations and
// recommendations. It never calls a tube patent without a spill value,
// never calls it occluded without a site, and never mentions the delayed
// image unless one was obtained.
//
// [ExampleReport] builds the realistic example report of the demo study.
// The package does no I/O.
package assess
