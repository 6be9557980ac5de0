package dicomio

import (
	"fmt"

	dtag "github.com/suyashkumar/dicom/pkg/tag"
)

// A Tag is a DICOM attribute tag, group in the high 16 bits.
type Tag uint32

// NewTag returns the tag (group,element).
func NewTag(group, element uint16) Tag { return Tag(uint32(group)<<16 | uint32(element)) }

// Group returns the tag's group number.
func (t Tag) Group() uint16 { return uint16(t >> 16) }

// Element returns the tag's element number.
func (t Tag) Element() uint16 { return uint16(t) }

// String formats the tag as (gggg,eeee).
func (t Tag) String() string { return fmt.Sprintf("(%04X,%04X)", t.Group(), t.Element()) }

// Keyword returns the DICOM keyword of the tag (e.g. "PatientName"), or ""
// for private and unknown tags. The dictionary is suyashkumar/dicom's.
func (t Tag) Keyword() string {
	if info, ok := dictLookup(t); ok {
		return info.Keyword
	}
	return ""
}

// dictLookup finds t in the data dictionary, folding repeating groups
// (50xx curves, 60xx overlays) onto their first group.
func dictLookup(t Tag) (dtag.Info, bool) {
	g := t.Group()
	if g >= 0x6000 && g <= 0x601E && g%2 == 0 {
		g = 0x6000
	} else if g >= 0x5000 && g <= 0x501E && g%2 == 0 {
		g = 0x5000
	}
	info, err := dtag.Find(dtag.Tag{Group: g, Element: t.Element()})
	if err != nil {
		return dtag.Info{}, false
	}
	return info, true
}

// dictVR returns the VR the dictionary gives for t, used for implicit VR
// data sets and for UN elements. Private and unknown tags give "UN".
func dictVR(t Tag) string {
	switch {
	case t.Element() == 0 && t.Group() != 0xFFFE:
		return "UL" // group length
	case t.Group()%2 == 1:
		if t.Element() >= 0x0010 && t.Element() <= 0x00FF {
			return "LO" // private creator
		}
		return "UN"
	}
	info, ok := dictLookup(t)
	if !ok || len(info.VRs) == 0 {
		return "UN"
	}
	return info.VRs[0]
}

// Tags used by hsgview. Names follow the DICOM keywords.
const (
	tagItem                 Tag = 0xFFFEE000
	tagItemDelimitation     Tag = 0xFFFEE00D
	tagSequenceDelimitation Tag = 0xFFFEE0DD

	tagFileMetaGroupLength     Tag = 0x00020000
	tagMediaStorageSOPClassUID Tag = 0x00020002
	tagMediaStorageSOPInstUID  Tag = 0x00020003
	tagTransferSyntaxUID       Tag = 0x00020010

	TagSpecificCharacterSet       Tag = 0x00080005
	TagImageType                  Tag = 0x00080008
	TagInstanceCreationDate       Tag = 0x00080012
	TagInstanceCreationTime       Tag = 0x00080013
	TagSOPClassUID                Tag = 0x00080016
	TagSOPInstanceUID             Tag = 0x00080018
	TagStudyDate                  Tag = 0x00080020
	TagSeriesDate                 Tag = 0x00080021
	TagAcquisitionDate            Tag = 0x00080022
	TagContentDate                Tag = 0x00080023
	TagAcquisitionDateTime        Tag = 0x0008002A
	TagStudyTime                  Tag = 0x00080030
	TagSeriesTime                 Tag = 0x00080031
	TagAcquisitionTime            Tag = 0x00080032
	TagContentTime                Tag = 0x00080033
	TagAccessionNumber            Tag = 0x00080050
	TagModality                   Tag = 0x00080060
	TagConversionType             Tag = 0x00080064
	TagManufacturer               Tag = 0x00080070
	TagInstitutionName            Tag = 0x00080080
	TagReferringPhysicianName     Tag = 0x00080090
	TagCodeValue                  Tag = 0x00080100
	TagCodingSchemeDesignator     Tag = 0x00080102
	TagCodeMeaning                Tag = 0x00080104
	TagTimezoneOffsetFromUTC      Tag = 0x00080201
	TagStationName                Tag = 0x00081010
	TagStudyDescription           Tag = 0x00081030
	TagSeriesDescription          Tag = 0x0008103E
	TagPerformingPhysicianName    Tag = 0x00081050
	TagManufacturerModelName      Tag = 0x00081090
	TagReferencedSOPClassUID      Tag = 0x00081150
	TagReferencedSOPInstanceUID   Tag = 0x00081155
	TagRecommendedDisplayFrameRt  Tag = 0x00082144
	TagPatientName                Tag = 0x00100010
	TagPatientID                  Tag = 0x00100020
	TagPatientBirthDate           Tag = 0x00100030
	TagPatientSex                 Tag = 0x00100040
	TagContrastBolusAgent         Tag = 0x00180010
	TagContrastBolusAgentSequence Tag = 0x00180012
	TagBodyPartExamined           Tag = 0x00180015
	TagCineRate                   Tag = 0x00180040
	TagKVP                        Tag = 0x00180060
	TagDeviceSerialNumber         Tag = 0x00181000
	TagProtocolName               Tag = 0x00181030
	TagContrastBolusRoute         Tag = 0x00181040
	TagContrastBolusVolume        Tag = 0x00181041
	TagContrastBolusStartTime     Tag = 0x00181042
	TagContrastBolusTotalDose     Tag = 0x00181044
	TagContrastBolusIngredient    Tag = 0x00181048
	TagContrastBolusIngredientCon Tag = 0x00181049
	TagFrameTime                  Tag = 0x00181063
	TagFrameTimeVector            Tag = 0x00181065
	TagFrameDelay                 Tag = 0x00181066
	TagDistanceSourceToDetector   Tag = 0x00181110
	TagDistanceSourceToPatient    Tag = 0x00181111
	TagEstimatedRadiographicMagn  Tag = 0x00181114
	TagExposureTime               Tag = 0x00181150
	TagXRayTubeCurrent            Tag = 0x00181151
	TagExposure                   Tag = 0x00181152
	TagRadiationSetting           Tag = 0x00181155
	TagAreaDoseProduct            Tag = 0x0018115E
	TagImagerPixelSpacing         Tag = 0x00181164
	TagFrameAcquisitionDateTime   Tag = 0x00189074
	TagFrameReferenceDateTime     Tag = 0x00189151
	TagStudyInstanceUID           Tag = 0x0020000D
	TagSeriesInstanceUID          Tag = 0x0020000E
	TagStudyID                    Tag = 0x00200010
	TagSeriesNumber               Tag = 0x00200011
	TagInstanceNumber             Tag = 0x00200013
	TagPatientOrientation         Tag = 0x00200020
	TagImageComments              Tag = 0x00204000
	TagFrameContentSequence       Tag = 0x00209111
	TagSamplesPerPixel            Tag = 0x00280002
	TagPhotometricInterpretation  Tag = 0x00280004
	TagPlanarConfiguration        Tag = 0x00280006
	TagNumberOfFrames             Tag = 0x00280008
	TagFrameIncrementPointer      Tag = 0x00280009
	TagRows                       Tag = 0x00280010
	TagColumns                    Tag = 0x00280011
	TagPixelSpacing               Tag = 0x00280030
	TagBitsAllocated              Tag = 0x00280100
	TagBitsStored                 Tag = 0x00280101
	TagHighBit                    Tag = 0x00280102
	TagPixelRepresentation        Tag = 0x00280103
	TagPixelIntensityRelationship Tag = 0x00281040
	TagWindowCenter               Tag = 0x00281050
	TagWindowWidth                Tag = 0x00281051
	TagRescaleIntercept           Tag = 0x00281052
	TagRescaleSlope               Tag = 0x00281053
	TagRescaleType                Tag = 0x00281054
	TagWindowExplanation          Tag = 0x00281055
	TagVOILUTFunction             Tag = 0x00281056
	TagRedPaletteDescriptor       Tag = 0x00281101
	TagGreenPaletteDescriptor     Tag = 0x00281102
	TagBluePaletteDescriptor      Tag = 0x00281103
	TagRedPaletteData             Tag = 0x00281201
	TagGreenPaletteData           Tag = 0x00281202
	TagBluePaletteData            Tag = 0x00281203
	TagSegRedPaletteData          Tag = 0x00281221
	TagSegGreenPaletteData        Tag = 0x00281222
	TagSegBluePaletteData         Tag = 0x00281223
	TagPixelSpacingCalibType      Tag = 0x00280A02
	TagPixelMeasuresSequence      Tag = 0x00289110
	TagFrameVOILUTSequence        Tag = 0x00289132
	TagPixelValueTransformSeq     Tag = 0x00289145
	TagModalityLUTSequence        Tag = 0x00283000
	TagLUTDescriptor              Tag = 0x00283002
	TagLUTExplanation             Tag = 0x00283003
	TagModalityLUTType            Tag = 0x00283004
	TagLUTData                    Tag = 0x00283006
	TagVOILUTSequence             Tag = 0x00283010
	TagRepresentativeFrameNumber  Tag = 0x00286010
	TagDirectoryRecordSequence    Tag = 0x00041220
	TagDirectoryRecordType        Tag = 0x00041430
	TagReferencedFileID           Tag = 0x00041500
	TagRefSOPInstanceUIDInFile    Tag = 0x00041511
	TagRefTransferSyntaxUIDInFile Tag = 0x00041512
	TagValueType                  Tag = 0x0040A040
	TagConceptNameCodeSequence    Tag = 0x0040A043
	TagContentSequence            Tag = 0x0040A730
	TagMeasuredValueSequence      Tag = 0x0040A300
	TagNumericValue               Tag = 0x0040A30A
	TagMeasurementUnitsCodeSeq    Tag = 0x004008EA
	TagTextValue                  Tag = 0x0040A160
	TagSharedFunctionalGroups     Tag = 0x52009229
	TagPerFrameFunctionalGroups   Tag = 0x52009230
	TagPresentationLUTShape       Tag = 0x20500020
	TagExtendedOffsetTable        Tag = 0x7FE00001
	TagExtendedOffsetTableLengths Tag = 0x7FE00002
	TagFloatPixelData             Tag = 0x7FE00008
	TagDoubleFloatPixelData       Tag = 0x7FE00009
	TagPixelData                  Tag = 0x7FE00010
)
