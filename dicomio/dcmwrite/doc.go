// Package dcmwrite writes DICOM objects that hsgview creates from a study:
// today the Encapsulated PDF of a report; the structured report, key
// object selection and presentation state writers are meant to live here
// too and share its parts:
//
//   - [DataSet]: elements collected, sorted and written as a Part 10 file
//     (Explicit VR Little Endian, UTF-8) with github.com/suyashkumar/dicom;
//   - [StudyOf]: the Patient and General Study modules, copied from the
//     study's images, never from a report draft (the images are the source
//     of truth for who and what was examined);
//   - [NameUID], [ReportUIDs]: UIDs derived from names, so that writing
//     the same report version again gives the same UIDs and a PACS
//     replaces rather than duplicates the object; [NewUID] for random ones.
package dcmwrite
