// Package dicomio reads DICOM studies for hsgview: it finds the files
// (folders, DICOMDIR, zip), reads their headers, groups them into studies
// and series, orders images by acquisition time and places them on the HSG
// timeline (scout, immediate, delayed), and turns pixel data into
// display-ready images.
//
// # Model
//
// [Open] returns a [Collection] of [Study] values, each with its [Series],
// its images sorted by acquisition time ([Study.Images]) and its
// [Timeline]. An [Instance] is one file, described from its header alone:
// identity, acquisition time and where it came from ([TimeSource]), cine
// timing ([Cine]), pixel format, calibration and its source
// ([SpacingSource]), contrast, exposure and orientation. Pixels are read on
// demand, one frame at a time ([Instance.Frame]), or a whole run at once
// ([Instance.ReadFrames]); [FrameCache] keeps decoded frames within a
// budget. [Instance.Pipeline] gives the display pipeline of a frame:
// Modality LUT → VOI (window or LUT) → presentation (MONOCHROME1
// inverted) → 8 bits, or palette / YBR to RGB for colour.
//
// # Display facts
//
// Each is decided once, here, for the viewer, thumbnails, key images,
// the report and exports: [Instance.Render] shows a frame at the default
// or a given window; [Instance.DefaultFrame] is the frame shown when
// none is chosen; [Study.Hanging] lays a study out by the HSG hanging
// protocol; [FormatPersonName] prints a person name. Package resize is
// the one resampler.
//
// # Transfer syntaxes
//
// Native (implicit and explicit VR, little and big endian) and deflated
// data sets are read here; compressed pixel data goes through the decoder
// registry of package codec, in the style of [image.RegisterFormat]. This
// package links no decoder: a program (cmd/hsgview, a test) imports
// codec/all for all of them: JPEG baseline and extended (8 and 12 bit),
// JPEG Lossless (process 14 and SV1), RLE, and, in cgo builds, JPEG-LS
// (CharLS) and JPEG 2000 (OpenJPEG). Without a decoder for its transfer
// syntax an image is not [Instance.Decodable] and Problem says why. Frames are assembled from fragments by the Extended or
// Basic Offset Table, one fragment per frame, or codestream start markers.
//
// # Security
//
// Files are untrusted. The data set is walked with every declared length
// checked against what remains before anything is read or allocated;
// Number of Frames is checked against what the pixel data can hold;
// decoders run under recover. One budget, [Limits], bounds every path:
// inflated bytes and compression ratio of zip entries and deflated data
// sets (kept once, on disk, never re-inflated), entries per zip, nesting,
// elements, encoded and decoded bytes per frame, fragments, DICOMDIR
// records and workers; beyond it reading stops with a [LimitError]
// (docs/limits.md). Links never lead out of a DICOMDIR's folder, FIFOs and
// devices are skipped, and [Escape] makes values safe for a terminal. A damaged file
// yields a one-line error naming it and the reason ([FileError]); the rest
// of the study still loads. suyashkumar/dicom's parser is not used on
// files (it allocates from unchecked lengths and panics on some input);
// its data dictionary provides VRs for implicit VR and UN elements.
package dicomio
