package report

import "github.com/hsgview/hsgview/annotate/mark"

// The Russian words of the coded values (see [LabelIn]), in the terms of
// Russian HSG reports (ru-reporting-and-dose.md §2). Each enumeration
// with English words (pdflabels.go) has Russian ones; a test checks it.
// The capital letters follow the English labels: a label that starts
// with a small letter is read inside a sentence.
//
// Terms marked "(proposed)" were not seen verbatim in a Russian source
// (ru-reporting-and-dose.md §6) and want a Russian radiologist's review.
var _ = []struct{}{
	ruLabels(map[Status]string{
		StatusDraft: "Черновик", StatusPreliminary: "Предварительный", StatusFinal: "Окончательный", StatusAmended: "Исправленный",
	}),
	ruLabels(map[Sex]string{SexFemale: "Женский", SexMale: "Мужской", SexOther: "Другой", SexUnknown: "Не указан"}),
	ruLabels(map[Indication]string{
		IndicationPrimarySubfertility:         "Первичное бесплодие",
		IndicationSecondarySubfertility:       "Вторичное бесплодие",
		IndicationRecurrentPregnancyLoss:      "Привычное невынашивание беременности",
		IndicationPreART:                      "Перед вспомогательными репродуктивными технологиями (ЭКО)",
		IndicationPostTubalSurgery:            "После операции на маточных трубах или восстановления их проходимости после стерилизации",
		IndicationSterilizationConfirmation:   "Контроль трубной стерилизации",
		IndicationSuspectedUterineAnomaly:     "Подозрение на аномалию развития матки",
		IndicationSuspectedIntrauterineLesion: "Подозрение на внутриматочную патологию",
		IndicationOther:                       "Другое",
	}),
	ruLabels(map[PregnancyResult]string{PregnancyNegative: "Отрицательный", PregnancyPositive: "Положительный", PregnancyNotDone: "Не проводился"}),
	ruLabels(map[Specimen]string{SpecimenUrine: "моча", SpecimenSerum: "сыворотка крови"}),
	ruLabels(map[History]string{
		HistoryPID:           "Воспалительные заболевания органов малого таза",
		HistoryEctopic:       "Внематочная беременность",
		HistoryCaesarean:     "Кесарево сечение",
		HistoryDAndC:         "Выскабливание полости матки или вакуум-аспирация",
		HistoryMyomectomy:    "Миомэктомия",
		HistoryTubalSurgery:  "Операции на маточных трубах",
		HistoryTubalLigation: "Трубная стерилизация",
		HistoryEndometriosis: "Эндометриоз",
		HistoryTuberculosis:  "Туберкулез",
		HistoryNone:          "Значимого анамнеза нет",
		HistoryOther:         "Другое",
	}),
	ruLabels(map[CatheterType]string{
		CatheterBalloon: "Баллонный катетер", CatheterRigid: "Жесткая канюля",
		CatheterVacuumCup: "Вакуумная канюля", CatheterOther: "Другой катетер",
	}),
	ruLabels(map[BalloonPosition]string{
		BalloonCervicalCanal: "в цервикальном канале", BalloonLowerUterineSegment: "в нижнем сегменте матки",
		BalloonNotApplicable: "не применимо",
	}),
	ruLabels(map[ContrastClass]string{ContrastWaterSoluble: "Водорастворимое йодсодержащее", ContrastOilBased: "Масляное йодсодержащее"}),
	ruLabels(map[ContrastSource]string{ContrastFromManual: "введено вручную", ContrastFromDICOM: "из модуля Contrast/Bolus DICOM"}),
	ruLabels(map[DoseSource]string{
		DoseFromRDSR: "из RDSR", DoseFromImageHeader: "из заголовков изображений",
		DoseFromMPPS: "из MPPS", DoseFromManual: "введено вручную",
	}),
	ruLabels(map[ImageKind]string{
		// The same words as the key-image roles (below), in lower case.
		ImageScout: "обзорный снимок", ImageEarlyFilling: "раннее заполнение полости матки",
		ImageFullDistension: "позднее заполнение полости матки / раннее заполнение маточных труб",
		ImageTubalFilling:   "позднее заполнение маточных труб", ImageSpill: "свободное поступление в брюшную полость",
		ImageOblique: "косая проекция", ImageDelayed: "отсроченный снимок",
	}),
	ruLabels(map[Determination]string{
		DeterminedByTimeOffset: "определено по времени от начала введения контрастного вещества",
		DeterminedBySeriesHint: "определено по описанию серии",
		DeterminedManually:     "определено рентгенологом",
	}),
	ruLabels(map[Confidence]string{ConfidenceHigh: "высокая достоверность", ConfidenceMedium: "средняя достоверность", ConfidenceLow: "низкая достоверность"}),
	ruLabels(map[SelectiveSalpingography]string{
		SelectiveNotPerformed:   "Не выполнялась",
		SelectiveRecanalized:    "Выполнена; достигнута реканализация маточной трубы",
		SelectiveNotRecanalized: "Выполнена; реканализация маточной трубы не достигнута",
	}),
	ruLabels(map[Adequacy]string{Adequate: "Информативное", Limited: "Ограниченно информативное", NonDiagnostic: "Неинформативное"}),
	ruLabels(map[Limitation]string{
		LimitIncompleteDistension: "Неполное расправление полости матки",
		LimitCervicalReflux:       "Рефлюкс контрастного вещества через цервикальный канал",
		LimitCatheterDislodged:    "Смещение катетера",
		LimitBalloonObscures:      "Баллон катетера перекрывает нижний сегмент матки",
		LimitAirBubbles:           "Пузырьки воздуха",
		LimitDiscomfortTerminated: "Исследование прекращено досрочно из-за дискомфорта",
		LimitTubalSpasm:           "Подозрение на спазм маточных труб",
		LimitIntravasation:        "Интравазация затрудняет оценку маточных труб",
		LimitNoDelayedImage:       "Нет отсроченного снимка",
		LimitNoOrientationMarker:  "Нет маркера стороны",
		LimitOther:                "Другое",
	}),
	ruLabels(map[CervicalCanal]string{
		CanalNormal: "Не изменен", CanalStenotic: "Стенозирован", CanalIrregular: "С неровными контурами", CanalDilated: "Расширен",
		CanalDuplicated: "Удвоен", CanalNotAssessed: "Не оценивался",
	}),
	ruLabels(map[Deviation]string{
		DeviationMidline: "По средней линии", DeviationLeft: "Отклонена влево", DeviationRight: "Отклонена вправо",
		DeviationNotAssessed: "Не оценивалось",
	}),
	ruLabels(map[UterineSize]string{SizeNormal: "Обычный", SizeSmall: "Уменьшен", SizeEnlarged: "Увеличен", SizeNotAssessable: "Оценить невозможно"}),
	ruLabels(map[CavityContour]string{ContourSmooth: "Ровные", ContourIrregular: "Неровные", ContourNotAssessable: "Оценить невозможно"}),
	ruLabels(map[CavityShape]string{
		ShapeNormalTriangular:   "Обычная (треугольная)",
		ShapeShallowIndentation: "Неглубокое вдавление дна",
		ShapeDeepIndentation:    "Глубокое вдавление дна",
		ShapeTwoHorns:           "Два рога или две полости",
		ShapeSingleHorn:         "Один рог (бананообразная)",
		ShapeTShaped:            "Т-образная",
		ShapeSmallTubular:       "Маленькая, трубчатая",
		ShapeOther:              "Другая",
	}),
	ruLabels(map[Location]string{
		LocFundus: "дно", LocBody: "тело", LocLowerUterineSegment: "нижний сегмент матки",
		LocLeftCornu: "левый угол матки", LocRightCornu: "правый угол матки", LocLeftWall: "левая стенка", LocRightWall: "правая стенка",
		LocCervicalCanal: "цервикальный канал", LocDiffuse: "диффузно",
	}),
	ruLabels(map[DefectKind]string{
		DefectPolyp:            "Полип эндометрия",
		DefectLeiomyoma:        "Субмукозный миоматозный узел",
		DefectPolypOrLeiomyoma: "Полип эндометрия или субмукозный миоматозный узел",
		DefectSynechia:         "Синехия (внутриматочная спайка)",
		DefectAirBubble:        "Пузырек воздуха (артефакт)",
		DefectClotOrDebris:     "Сгусток крови или детрит",
		DefectRetainedProducts: "Остатки плодного яйца",
		// Spelled out: ВМС means an IUD in the clinical guideline but
		// synechiae in some journals (ru-reporting-and-dose.md §2.6).
		DefectIUDOrForeignBody: "Внутриматочная спираль или инородное тело",
		DefectCatheterBalloon:  "Баллон катетера (артефакт)",
		DefectIndeterminate:    "Дефект наполнения неясного характера",
	}),
	ruLabels(map[DefectMargin]string{MarginSmooth: "ровные, четкие контуры", MarginIrregular: "неровные, угловатые контуры", MarginLinear: "линейный тяж"}),
	ruLabels(map[AdhesionExtent]string{
		ExtentLessThanThird: "менее трети полости матки", ExtentOneToTwoThirds: "от одной до двух третей полости матки",
		ExtentMoreThanTwoThirds: "более двух третей полости матки", ExtentTotal: "тотальная облитерация полости матки",
	}),
	ruLabels(map[AdhesionSystem]string{
		AdhesionAFS1988: "AFS 1988", AdhesionESH1989: "ESH 1989", AdhesionMarch1978: "March 1978",
		AdhesionToaffBallas: "Toaff & Ballas", AdhesionValleSciarra: "Valle & Sciarra 1988", AdhesionDonnezNisolle: "Donnez & Nisolle 1994",
	}),
	ruLabels(map[AdenomyosisPattern]string{
		AdenomyosisDiverticula: "дивертикулоподобные затеки контрастного вещества в миометрий", AdenomyosisOther: "другой вариант",
	}),
	ruLabels(map[OutpouchingType]string{
		OutpouchingNiche: "Ниша рубца после кесарева сечения", OutpouchingAdenomyotic: "Аденомиотический дивертикул",
		OutpouchingCongenital: "Врожденное выпячивание полости матки", OutpouchingIndeterminate: "Выпячивание полости матки неясного характера",
	}),
	ruLabels(map[Device]string{DeviceIUD: "Внутриматочная спираль", DeviceSurgicalClips: "Хирургические клипсы", DeviceOther: "Другое устройство"}),
	// ASRM MAC2021 has no Russian translation (ru-reporting-and-dose.md
	// §2.7): the names are the common Russian anomaly names (proposed).
	ruLabels(map[ASRMClass]string{
		ASRMNone:                      "Аномалии нет",
		ASRMAgenesis:                  "Агенезия мюллеровых протоков",
		ASRMCervicalAgenesis:          "Агенезия шейки матки",
		ASRMUnicornuate:               "Однорогая матка",
		ASRMDidelphys:                 "Удвоение матки (uterus didelphys)",
		ASRMBicornuate:                "Двурогая матка",
		ASRMSeptate:                   "Перегородка матки",
		ASRMLongitudinalVaginalSeptum: "Продольная перегородка влагалища",
		ASRMTransverseVaginalSeptum:   "Поперечная перегородка влагалища",
		ASRMComplex:                   "Сложная аномалия",
		ASRMSeptateOrBicornuate:       "Перегородка матки или двурогая матка (при ГСГ не дифференцируются)",
	}),
	// ESHRE/ESGE 2013: U0–U2 as in the Russian review (R18); U3–U6 and
	// the subclasses (proposed).
	ruLabels(map[ESHREUterine]string{
		U0: "U0, нормальная матка", U1a: "U1a, Т-образная матка", U1b: "U1b, инфантильная матка", U1c: "U1c, другая дисморфная матка",
		U2a: "U2a, неполная перегородка матки", U2b: "U2b, полная перегородка матки",
		U3a: "U3a, неполная двутелая матка", U3b: "U3b, полная двутелая матка", U3c: "U3c, двутелая матка с перегородкой",
		U4a: "U4a, гемиматка с рудиментарной полостью", U4b: "U4b, гемиматка без рудиментарной полости",
		U5a: "U5a, аплазия матки с рудиментарной полостью", U5b: "U5b, аплазия матки без рудиментарной полости",
		U6: "U6, неклассифицируемая аномалия", U2OrU3: "U2 или U3 (при ГСГ не дифференцируются)",
	}),
	ruLabels(map[ESHRECervical]string{
		C0: "C0, нормальная шейка матки", C1: "C1, перегородка шейки матки", C2: "C2, удвоение шейки матки",
		C3: "C3, односторонняя аплазия шейки матки", C4: "C4, аплазия шейки матки", CervixNotAssessed: "шейка матки не оценивалась",
	}),
	ruLabels(map[ESHREVaginal]string{
		V0: "V0, нормальное влагалище", V1: "V1, продольная необструктивная перегородка влагалища",
		V2: "V2, продольная обструктивная перегородка влагалища", V3: "V3, поперечная перегородка влагалища или атрезия девственной плевы",
		V4: "V4, аплазия влагалища", VaginaNotAssessed: "влагалище не оценивалось",
	}),
	ruLabels(map[AFSClass]string{
		AFSI: "Класс I, сегментарная гипоплазия или агенезия", AFSII: "Класс II, однорогая матка", AFSIII: "Класс III, удвоение матки",
		AFSIV: "Класс IV, двурогая матка", AFSV: "Класс V, перегородка матки", AFSVI: "Класс VI, седловидная (аркуатная) матка",
		AFSVII: "Класс VII, аномалия, связанная с диэтилстильбэстролом (DES)",
	}),
	ruLabels(map[Certainty]string{Definite: "Достоверно", Probable: "Вероятно", Possible: "Возможно"}),
	ruLabels(map[Confirmation]string{
		Confirm3DUS: "Трехмерное трансвагинальное УЗИ (3D УЗИ)", ConfirmMRI: "МРТ",
		ConfirmHysteroLaparoscopy: "Гистероскопия и лапароскопия", ConfirmNone: "Не требуется",
	}),
	ruLabels(map[Side]string{Left: "слева", Right: "справа", Bilateral: "с обеих сторон", Midline: "по средней линии"}),
	ruLabels(map[TubeStatus]string{TubePresent: "Имеется", TubeSurgicallyAbsent: "Удалена", TubeNotAssessed: "Не оценивалась"}),
	ruLabels(map[Opacification]string{OpacificationComplete: "Полное", OpacificationPartial: "Частичное", OpacificationNone: "Не контрастируется"}),
	ruLabels(map[Patency]string{Patent: "Проходима", Occluded: "Непроходима", PatencyIndeterminate: "Не определена", PatencyNotAssessed: "Не оценивалась"}),
	ruLabels(map[OcclusionSite]string{
		SiteCornual: "Интерстициальный отдел, проксимальная окклюзия", SiteIsthmic: "Истмический отдел",
		SiteAmpullary: "Ампулярный отдел, дистальная окклюзия", SiteFimbrial: "Фимбриальный отдел, дистальная окклюзия",
	}),
	ruLabels(map[OcclusionQualifier]string{
		OcclusionDefinite: "достоверно", OcclusionSpasmNotExcluded: "нельзя исключить спазм",
		OcclusionAtDevice: "на уровне стерилизационного устройства",
	}),
	ruLabels(map[Spill]string{
		SpillFreePrompt: "Свободное, без задержки", SpillFreeDelayedOnly: "Свободное, только на отсроченном снимке",
		SpillLoculated: "Осумкованное", SpillMinimal: "Минимальное", SpillNone: "Отсутствует", SpillNotAssessed: "Не оценивалось",
	}),
	ruLabels(map[MucosalFolds]string{
		FoldsPreserved: "складчатость слизистой сохранена", FoldsReduced: "складчатость слизистой снижена",
		FoldsAbsent: "складчатость слизистой отсутствует", FoldsNotAssessable: "складчатость слизистой оценить невозможно",
	}),
	ruLabels(map[TubeContour]string{
		TubeSmooth: "Ровный", TubeIrregular: "Неровный", TubeBeaded: "Четкообразный", TubeRigid: "Ригидный",
		TubeConvoluted: "Извитой", TubeNotAssessable: "Оценить невозможно",
	}),
	ruLabels(map[SterilizationDevice]string{
		SterilizationNone: "Нет", SterilizationClip: "Клипса", SterilizationRing: "Кольцо",
		SterilizationMicroinsert: "Микровставка", SterilizationOther: "Другое устройство",
	}),
	ruLabels(map[SpillPattern]string{
		PatternFree: "Свободное распределение", PatternLoculated: "Осумкованное скопление", PatternMixed: "Смешанное: свободное и осумкованное",
		PatternNone: "Поступления в брюшную полость нет", PatternNotAssessed: "Не оценивалось",
	}),
	ruLabels(map[DelayedFinding]string{
		DelayedFreeDispersion:  "свободное распределение, контурирующее петли кишечника",
		DelayedLoculation:      "сохраняющееся осумкованное скопление",
		DelayedTubalContrast:   "остаточное контрастное вещество в маточной трубе",
		DelayedUterineContrast: "остаточное контрастное вещество в полости матки",
		DelayedNoContrast:      "контрастного вещества в брюшной полости нет",
		DelayedRenalExcretion:  "выведение почками после интравазации",
	}),
	// «интравазация» in the HSG sense was not found in a Russian source
	// (ru-reporting-and-dose.md §2.6, proposed).
	ruLabels(map[ComplicationType]string{
		VenousIntravasation:     "Венозная интравазация",
		LymphaticIntravasation:  "Лимфатическая интравазация",
		MyometrialExtravasation: "Экстравазация в миометрий",
		UterinePerforation:      "Перфорация матки",
		VasovagalReaction:       "Вазовагальная реакция",
		SeverePain:              "Выраженная боль",
		ContrastReaction:        "Реакция на контрастное вещество",
		Bleeding:                "Кровотечение",
		InfectionReported:       "Инфекционное осложнение",
		OilEmbolismSuspected:    "Подозрение на масляную эмболию",
		ProcedureAbandoned:      "Процедура прекращена",
	}),
	ruLabels(map[HullRutherford]string{
		HRI: "Степень I (легкая)", HRII: "Степень II (средняя)", HRIII: "Степень III (тяжелая)", HRNotApplicable: "Не применимо",
	}),
	ruLabels(map[HullRutherfordBasis]string{HRBasisHSG: "предварительно, по данным ГСГ", HRBasisLaparoscopy: "по данным лапароскопии"}),
	ruLabels(map[mark.SpacingSource]string{
		mark.SpacingPixelSpacing:   "калибровано",
		mark.SpacingImager:         "в плоскости детектора, без поправки на увеличение",
		mark.SpacingImagerOverERMF: "с поправкой на увеличение",
		mark.SpacingUser:           "ручная калибровка",
		mark.SpacingUncalibrated:   "без калибровки",
	}),
	ruLabels(map[KeyImageRole]string{
		RoleScout: "Обзорный снимок", RoleEarlyFilling: "Раннее заполнение полости матки",
		RoleFullDistension:   "Позднее заполнение полости матки / раннее заполнение маточных труб",
		RoleTubalFillingLeft: "Позднее заполнение левой маточной трубы", RoleTubalFillingRight: "Позднее заполнение правой маточной трубы",
		RoleSpill: "Свободное поступление в брюшную полость", RoleOblique: "Косая проекция", RoleDelayed: "Отсроченный снимок",
		RoleComplication: "Осложнение", RoleFinding: "Находка",
	}),
	ruLabels(map[RecommendationCode]string{
		RecommendAnomalyImaging:          "Трехмерное УЗИ (3D УЗИ) или МРТ для уточнения характера аномалии развития матки",
		RecommendHysteroscopy:            "Гистероскопия или соногистерография",
		RecommendLaparoscopy:             "Лапароскопия с хромогидротубацией", // (proposed)
		RecommendSelectiveSalpingography: "Селективная сальпингография или катетеризация маточных труб",
		RecommendRepeatHSG:               "Повторная ГСГ",
		RecommendClinicalCorrelation:     "Сопоставление с клиническими данными",
		RecommendOther:                   "Другое",
	}),
	ruLabels(map[mark.Unit]string{
		mark.UnitGyM2: "Гр·м²", mark.UnitGyCm2: "Гр·см²", mark.UnitDGyCm2: "дГр·см²", mark.UnitCGyCm2: "сГр·см²", mark.UnitMGyCm2: "мГр·см²",
		mark.UnitMicroGyM2: "мкГр·м²", mark.UnitMGy: "мГр", mark.UnitGy: "Гр", mark.UnitSecond: "с", mark.UnitMinute: "мин", mark.UnitMM: "мм", mark.UnitML: "мл",
	}),
}
