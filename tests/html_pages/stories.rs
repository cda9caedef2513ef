//! Article texts for the generated pages: each a headline, the standfirst a site may show,
//! and paragraphs as an editor wrote them. The first sentence of the first paragraph is the
//! opening the extractor must find.

pub struct Story {
    pub lang: &'static str,
    pub title: &'static str,
    pub standfirst: &'static str,
    pub paras: &'static [&'static str],
}

pub const STORIES: &[Story] = &[
    Story {
        lang: "en",
        title: "Storm Eunice leaves thousands without power across southern England",
        standfirst: "Energy companies say repairs could take until the weekend.",
        paras: &[
            "More than 80,000 homes were without electricity on Friday night after Storm Eunice brought gusts of up to 122 mph to the south coast. Engineers worked through the evening to restore lines brought down by falling trees.",
            "The Met Office issued a rare red warning for parts of Devon, Cornwall and London, urging people to stay indoors. Rail operators cancelled hundreds of services and asked passengers not to travel.",
            "“We have never seen so many faults reported in a single afternoon,” said a spokesperson for UK Power Networks. The company said it had doubled the number of crews on standby.",
            "Schools across the region closed early, and several hospitals postponed outpatient appointments. Emergency services reported dozens of calls about damaged roofs and blocked roads.",
            "Forecasters expect winds to ease by Saturday morning, though a yellow warning for rain remains in place for much of Wales and the north-west.",
        ],
    },
    Story {
        lang: "en",
        title: "Central bank holds rates steady as inflation cools",
        standfirst: "Policymakers signal cuts may come later in the year.",
        paras: &[
            "The central bank kept its benchmark interest rate unchanged at 5.25 percent on Wednesday, saying inflation was falling but remained above its target. Seven of the nine members of the rate-setting committee voted to hold.",
            "Consumer prices rose 3.4 percent in the year to January, down from a peak of more than 11 percent in late 2022. Economists had widely expected the decision.",
            "The governor told reporters that the committee needed to see more evidence that price pressures were easing before it could lower borrowing costs. Markets now expect the first cut in the summer.",
            "Mortgage lenders have already begun trimming fixed-rate deals in anticipation of lower rates, offering some relief to homeowners facing higher repayments.",
            "Business groups welcomed the signal but warned that high borrowing costs were still weighing on investment and hiring across the economy.",
        ],
    },
    Story {
        lang: "en",
        title: "Scientists map the oldest known forest in a New York quarry",
        standfirst: "Fossil roots show trees grew 386 million years ago.",
        paras: &[
            "Researchers have identified the remains of the world's oldest known forest in a disused sandstone quarry near Cairo, New York. The fossilised root systems date back about 386 million years.",
            "The team found the roots of trees called Archaeopteris, which had woody trunks and flat leaves much like modern trees. Until now, the oldest forests were thought to be a few million years younger.",
            "“This changes our picture of how early forests transformed the land,” said the study's lead author. The roots would have stabilised soils and altered the chemistry of the atmosphere.",
            "The site was first noticed by geologists more than a decade ago, but mapping the fossils across an area of 3,000 square metres took several years of careful work.",
            "The findings are published in the journal Current Biology and add to evidence that the Devonian period saw rapid changes in plant life.",
        ],
    },
    Story {
        lang: "en",
        title: "City council approves plan to close downtown streets to cars",
        standfirst: "The pilot will run for 18 months starting in June.",
        paras: &[
            "The city council voted 9-4 on Tuesday to close six downtown streets to private cars for an 18-month trial, a decision supporters called a turning point for the city centre. Buses, bicycles and delivery vans will still be allowed.",
            "Business owners were divided, with some restaurant owners saying more outdoor seating would bring customers while several shopkeepers feared losing trade from drivers.",
            "The mayor said the plan would cut air pollution and make the centre safer for pedestrians. Officials will publish monthly data on traffic, air quality and footfall.",
            "Opponents plan to gather signatures for a referendum, arguing that residents were not consulted properly before the vote.",
            "Work on new signs and loading bays is due to begin next month.",
        ],
    },
    Story {
        lang: "en",
        title: "Drought forces rationing in the capital for the first time in decades",
        standfirst: "Reservoirs are at their lowest level since records began.",
        paras: &[
            "Residents of the capital will have running water for only 12 hours a day from Monday, the water authority said, as a two-year drought drains the reservoirs that supply the city. It is the first rationing since 1989.",
            "The main reservoir stood at 14 percent of capacity this week, compared with an average of 60 percent for the time of year. Rainfall has been less than half the normal amount since 2023.",
            "Hospitals, schools and fire stations will be exempt from the cuts. The authority urged households to store water safely and to report leaks.",
            "Farmers in the surrounding region have already lost much of their harvest, and the government has promised emergency payments.",
            "Meteorologists say the rainy season could bring relief, but warn that one wet month will not refill the reservoirs.",
        ],
    },
    Story {
        lang: "de",
        title: "Bahnstreik legt Fernverkehr in ganz Deutschland lahm",
        standfirst: "Die Gewerkschaft kündigt weitere Arbeitskämpfe an.",
        paras: &[
            "Ein bundesweiter Streik der Lokführer hat am Donnerstag den Fernverkehr der Deutschen Bahn fast vollständig zum Erliegen gebracht. Nur etwa ein Fünftel der Züge fuhr nach einem Notfahrplan.",
            "Auch im Regionalverkehr kam es zu massiven Ausfällen, besonders in Berlin, Sachsen und Bayern. Pendler wichen auf Autos und Fernbusse aus, auf vielen Autobahnen bildeten sich lange Staus.",
            "Die Gewerkschaft fordert eine Verkürzung der Wochenarbeitszeit bei vollem Lohnausgleich. Die Bahn hält das für nicht finanzierbar und spricht von einem unverhältnismäßigen Streik.",
            "Fahrgäste, die ihre Reise wegen des Streiks verschieben, können ihre Tickets flexibel nutzen oder kostenlos erstatten lassen.",
            "Ein Ende des Tarifkonflikts ist nicht in Sicht: Beide Seiten haben die Gespräche vorerst abgebrochen.",
        ],
    },
    Story {
        lang: "de",
        title: "Forscher entdecken neue Ameisenart im Schwarzwald",
        standfirst: "Die Tiere lebten offenbar jahrzehntelang unbemerkt.",
        paras: &[
            "Biologen der Universität Freiburg haben im Schwarzwald eine bislang unbekannte Ameisenart entdeckt. Die nur drei Millimeter großen Tiere leben in morschem Holz an feuchten Berghängen.",
            "Aufgefallen war die Art einem Hobbyforscher, der Fotos an das Institut schickte. Genetische Analysen bestätigten später, dass es sich um eine eigene Art handelt.",
            "„Dass man in Mitteleuropa noch neue Ameisen findet, ist eine kleine Sensation“, sagte die Leiterin der Arbeitsgruppe. Die Art erhielt den Namen Temnothorax silvanigrae.",
            "Die Forscher wollen nun untersuchen, wie weit die Ameise verbreitet ist und ob sie durch den Klimawandel gefährdet ist.",
        ],
    },
    Story {
        lang: "fr",
        title: "La Seine de nouveau ouverte à la baignade cet été",
        standfirst: "Trois sites accueilleront le public à Paris.",
        paras: &[
            "Pour la première fois depuis un siècle, les Parisiens pourront se baigner dans la Seine à partir du mois de juillet, a annoncé la mairie de Paris mardi. Trois sites seront ouverts gratuitement au public.",
            "La qualité de l'eau s'est nettement améliorée grâce à de vastes travaux d'assainissement lancés avant les Jeux olympiques. Des analyses quotidiennes permettront de fermer les sites en cas de pollution après de fortes pluies.",
            "« C'est un rêve qui devient réalité », a déclaré l'adjoint chargé de la transition écologique. Des maîtres-nageurs surveilleront les zones de baignade tous les jours.",
            "Les associations environnementales saluent l'initiative mais demandent davantage de contrôles en amont du fleuve.",
        ],
    },
    Story {
        lang: "fr",
        title: "Le prix du pain s'envole dans les boulangeries",
        standfirst: "La hausse des coûts de l'énergie pèse sur les artisans.",
        paras: &[
            "Le prix moyen de la baguette a augmenté de près de 12 % en un an, selon une étude publiée jeudi par une association de consommateurs. Les boulangers invoquent la flambée des coûts de l'énergie et de la farine.",
            "Dans certaines villes, la baguette dépasse désormais 1,30 euro, un seuil symbolique pour de nombreux clients. Plusieurs artisans disent avoir réduit leurs horaires d'ouverture pour économiser l'électricité.",
            "Le gouvernement a promis des aides ciblées pour les commerces les plus touchés, mais la fédération de la boulangerie les juge insuffisantes.",
            "Les consommateurs, eux, se tournent de plus en plus vers le pain de supermarché, moins cher mais souvent jugé de moindre qualité.",
        ],
    },
    Story {
        lang: "es",
        title: "El Gobierno aprueba la reducción de la jornada laboral a 37,5 horas",
        standfirst: "La medida afectará a unos 12 millones de trabajadores.",
        paras: &[
            "El Consejo de Ministros aprobó este martes el anteproyecto de ley que reduce la jornada laboral máxima de 40 a 37,5 horas semanales sin recorte de salario. La norma deberá ser ratificada por el Congreso.",
            "Según el Ministerio de Trabajo, la reducción beneficiará a unos 12 millones de asalariados del sector privado, sobre todo en el comercio, la hostelería y la industria.",
            "Las organizaciones empresariales han criticado la medida y advierten de que encarecerá los costes de las pequeñas empresas. Los sindicatos, en cambio, la consideran un avance histórico.",
            "El texto incluye también un registro horario digital obligatorio para controlar el cumplimiento de la jornada.",
        ],
    },
    Story {
        lang: "ja",
        title: "東京で桜が開花、平年より5日早く",
        standfirst: "気象庁が靖国神社の標本木で確認した。",
        paras: &[
            "気象庁は20日、東京都心で桜（ソメイヨシノ）が開花したと発表した。平年より5日早く、昨年より4日早い開花となった。",
            "靖国神社にある標本木で、職員が5輪以上の花が咲いているのを確認した。満開は1週間から10日ほど後になる見込みだという。",
            "都内の公園では早くも花見客の姿が見られ、上野公園では多くの人が写真を撮っていた。",
            "気象庁によると、3月に入ってから気温の高い日が続いたことが開花を早めたとみられる。",
        ],
    },
    Story {
        lang: "zh",
        title: "北京今年将新增绿地面积两百公顷",
        standfirst: "城市公园数量有望突破一千二百个。",
        paras: &[
            "北京市园林绿化局日前表示，今年全市将新增城市绿地两百公顷，并建设一批口袋公园和小微绿地。这些项目将优先安排在老旧小区周边。",
            "据介绍，截至去年底，北京的公园总数已达到一千零六十五个，人均公园绿地面积超过十六平方米。",
            "相关负责人表示，新建绿地将更多考虑居民的日常需求，增加健身步道和休息座椅。",
            "专家认为，增加绿地有助于缓解城市热岛效应，改善空气质量。",
        ],
    },
    Story {
        lang: "ar",
        title: "افتتاح أكبر محطة للطاقة الشمسية في المنطقة",
        standfirst: "المحطة توفر الكهرباء لنحو مليون منزل.",
        paras: &[
            "افتتحت الحكومة يوم الأحد أكبر محطة للطاقة الشمسية في المنطقة بقدرة تبلغ ألفي ميغاواط. وتقع المحطة في الصحراء على بعد مئة كيلومتر من العاصمة.",
            "وقال وزير الطاقة إن المشروع سيوفر الكهرباء لنحو مليون منزل ويخفض الانبعاثات الكربونية بملايين الأطنان سنويا.",
            "وشارك في بناء المحطة أكثر من خمسة آلاف عامل على مدى ثلاث سنوات، وبلغت تكلفتها نحو ملياري دولار.",
            "وتخطط الحكومة لرفع حصة الطاقة المتجددة إلى نصف إنتاج الكهرباء بحلول عام ألفين وثلاثين.",
        ],
    },
    Story {
        lang: "ru",
        title: "В Москве открыли новую станцию метро",
        standfirst: "Станция стала сотой на Большой кольцевой линии.",
        paras: &[
            "В Москве в субботу открылась новая станция метро на Большой кольцевой линии, сообщили в мэрии. Ежедневно ею смогут пользоваться около пятидесяти тысяч пассажиров.",
            "Строительство станции заняло почти четыре года. Её оформление посвящено истории авиации, а на платформе установлены макеты самолётов.",
            "По словам руководителя стройкомплекса, открытие станции позволит разгрузить соседние линии и сократить время в пути для жителей нескольких районов.",
            "В ближайшие годы в городе планируют построить ещё более двадцати станций.",
        ],
    },
];
