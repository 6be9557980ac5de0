package mark

import (
	"fmt"
	"strings"

	"github.com/hsgview/hsgview/l10n"
)

// words are the words of the measurement texts in one language; numbers
// and unit symbols come from l10n.
type words struct {
	uncalibrated, uncalibratedPx                          string
	calibrated, atDetector, magCorrected, userCalibration string
	area, mean, sd, min, max, insideImage                 string
	catheter, balloon, knownLength                        string
}

var wordsByLang = map[string]words{
	l10n.EN: {
		uncalibrated: "uncalibrated", uncalibratedPx: "uncalibrated: sizes in px",
		calibrated: "calibrated", atDetector: "at detector", magCorrected: "magnification-corrected",
		userCalibration: "user calibration",
		area:            "area", mean: "mean", sd: "SD", min: "min", max: "max", insideImage: "inside the image",
		catheter: "catheter", balloon: "balloon", knownLength: "known length",
	},
	l10n.RU: {
		uncalibrated: "без калибровки", uncalibratedPx: "без калибровки: размеры в пикселях",
		calibrated: "калибровано", atDetector: "в плоскости детектора", magCorrected: "с поправкой на увеличение",
		userCalibration: "ручная калибровка",
		area:            "площадь", mean: "среднее", sd: "СКО", min: "мин.", max: "макс.", insideImage: "внутри изображения",
		catheter: "катетер", balloon: "баллон", knownLength: "известная длина",
	},
}

// wordsIn returns the words of lang (English for a language hsgview does
// not write).
func wordsIn(lang string) words { return wordsByLang[l10n.Lang(lang)] }

// toolWordsRU name the tools in Russian, as the names of changes say them.
var toolWordsRU = map[string]string{
	"arrow": "стрелка", "text": "текст", "length": "длина", "angle": "угол", "ellipse": "эллипс",
	"polygon": "многоугольник", "freehand": "контур", "point": "точка", "mark": "метка",
}

// commandWordsRU are the names of changes (Command.Name: "add length",
// "move a3", …) in Russian, by the English prefix; %s is the rest.
var commandWordsRU = []struct{ prefix, say string }{
	{"edit text of ", "изменение текста %s"},
	{"clear calibration", "сброс калибровки%s"},
	{"calibrate", "калибровка%s"},
	{"add ", "добавление: %s"},
	{"delete ", "удаление %s"},
	{"move ", "перемещение %s"},
	{"edit ", "изменение %s"},
	{"link ", "привязка %s"},
}

// CommandNameIn says the name of a change (Command.Name, MarkHistory's
// UndoName and RedoName) in the language lang: "move a3" is "перемещение
// a3" in Russian. A name of another form is returned as it is.
func CommandNameIn(name, lang string) string {
	if l10n.Lang(lang) != l10n.RU {
		return name
	}
	for _, c := range commandWordsRU {
		rest, ok := strings.CutPrefix(name, c.prefix)
		if !ok {
			continue
		}
		if t, ok := toolWordsRU[rest]; ok && c.prefix == "add " {
			rest = t
		}
		return fmt.Sprintf(c.say, rest)
	}
	return name
}
