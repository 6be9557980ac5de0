// Package synth writes a deterministic synthetic hysterosalpingography (HSG)
// study, the phantom that hsgview bundles as its demo study.
//
// # The study
//
// One patient ("Müller-Łukasiewicz^Zoë", UTF-8 with Specific Character Set
// ISO_IR 192), one study, four series, all Explicit VR Little Endian Part 10
// files with 16 bits allocated and 12 stored:
//
//	S01_scout    RF  1 spot image, 3 min before contrast (T0)      MONOCHROME2 1024²
//	S02_spot     RF  4 spot images at T0+0:30, 1:15, 2:30, 4:00:    MONOCHROME2 1024²
//	                 early filling, full distension with early tubal
//	                 filling, late tubal filling, free spill
//	S03_fluoro   RF  1 cine run of 30 frames at 15 frames/s, T0+1:50 MONOCHROME2 512²
//	S04_delayed  DX  delayed film at T0+25 min, another room        MONOCHROME1 1600×1300
//
// X-Ray Radiofluoroscopic Image Storage for RF, Digital X-Ray Image Storage -
// For Presentation for DX. Every image has Acquisition and Content Date and
// Time, the spot images and the delayed film also Acquisition DateTime;
// contrast images carry the Contrast/Bolus module with Contrast/Bolus Start
// Time = T0. The run has Frame Time 66.67 ms with Frame Increment Pointer
// (0018,1063). Calibration: Imager Pixel Spacing 0.30 mm (0.60 mm for the
// binned run) with SID 1150 / SOD 920 mm, so Estimated Radiographic
// Magnification Factor 1.25 and 0.24 mm per pixel in the object plane; the DX
// film has Imager Pixel Spacing 0.24 mm and Pixel Spacing 0.20 mm
// (GEOMETRY). Each image has its Image and Fluoroscopy Area Dose Product.
//
// # The clinical picture
//
// A normal triangular cavity; the right tube fills and spills freely into the
// peritoneum around its fimbrial end; the left tube ends in a club-shaped
// distal hydrosalpinx about 14 mm wide that does not spill. On the delayed
// film the right-sided spill has dispersed between the bowel loops and the
// hydrosalpinx still holds diluted contrast. A reference report therefore
// reads: right tube patent with free spill, left distal tubal occlusion with
// hydrosalpinx.
//
// # How the images are made
//
// The anatomy is drawn in object-plane millimetres from geometric primitives
// (soft tissue, bony pelvis and femora, bowel gas, a lead "R" marker,
// balloon catheter, cavity, tubes, spill) as X-ray attenuation. Patient
// Orientation is L\F: x grows towards the patient's left, which is the
// image's right, so the right tube lies on the image's left. A detector model
// adds scatter, log amplification, the dynamic-range compression and unsharp
// masking of an RF image chain, vignetting, a round (RF) or rectangular (DX)
// collimator, and quantum noise with σ ≈ 0.5·√signal (0.85·√signal for
// the low-dose run). Contrast and bone are dark on the RF images; the DX film
// stores the same sense of values as MONOCHROME1, so after the display
// inversion they are white as on a radiograph.
//
// # Determinism and speed
//
// The output is a function of Options only: UIDs are 2.25 UIDs of name-based
// UUIDs of the seed, the noise comes from a SplitMix64 generator defined in
// this package, and the clock is never read. Two runs give byte-identical
// files on the same platform (floating-point contraction may differ across
// CPU architectures). The default study takes about 1.2 s of CPU, spread
// over the available cores.
package synth
