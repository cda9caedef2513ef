//! A folder of articles in which one wire story was republished twice (a new headline, a
//! rewritten lead, an added paragraph, outlets' boilerplate) beside a follow-up of it and
//! unrelated stories: what the near-duplicate grouping is tested on.

use std::path::Path;

const WIRE: [&str; 8] = [
    "ROTTERDAM, March 2 (Reuters) - Thousands of dock workers walked off the job at the port of Rotterdam on Monday, halting container traffic at Europe's largest port as talks over pay and automation broke down.",
    "The FNV union said about 4,000 members joined the strike, which began at six in the morning and is set to last 48 hours. Terminal operators said no ships were loaded or unloaded at the main container terminals.",
    "\"We have asked for a fair share of the profits the port made during two record years,\" union negotiator Niek Stam told reporters outside the Maasvlakte terminal. \"The employers offered us less than inflation.\"",
    "The Port of Rotterdam Authority said more than 30 vessels were waiting at anchor in the North Sea by Monday afternoon, and warned that delays would spread to inland barges and rail freight across Germany and Belgium.",
    "Employers' association VNO-NCW called the strike disproportionate and said it had offered a wage increase of 5 percent over two years, with guarantees that no jobs would be lost to automated cranes before 2030.",
    "Economists at ING estimated that each day of the stoppage could cost the Dutch economy around 100 million euros, with chemical makers and food importers among the first to feel the shortage of supplies.",
    "The last major strike at the port, in 2022, lasted three days and ended with a collective agreement brokered by the Ministry of Infrastructure in The Hague.",
    "Talks between the union and the employers are due to resume on Wednesday, a spokesman for the mediator said.",
];

const FOLLOW_UP: [&str; 6] = [
    "ROTTERDAM, March 5 (Reuters) - Dock workers at the port of Rotterdam returned to work on Thursday after the FNV union and employers agreed on a pay deal, ending a strike that left dozens of ships stranded.",
    "Under the agreement, wages will rise by 7 percent over two years and a joint committee will decide how automated cranes are introduced at the Maasvlakte terminals, union negotiator Niek Stam said.",
    "\"Nobody got everything they wanted, but the port is moving again,\" Stam said, adding that members would vote on the deal next week.",
    "The Port of Rotterdam Authority said it expected the backlog of vessels to clear within five days, and asked shipping lines to coordinate arrivals with terminal operators.",
    "The last major strike at the port, in 2022, lasted three days and ended with a collective agreement brokered by the Ministry of Infrastructure in The Hague.",
    "Employers' association VNO-NCW said the deal was expensive but would give the port the stability that its customers needed after a difficult week.",
];

const OTHERS: [(&str, &str, &str, &str); 3] = [
    (
        "ecb.md",
        "ECB holds rates as Lagarde signals summer cut",
        "2026-03-06",
        "The European Central Bank kept its deposit rate unchanged on Thursday and President Christine Lagarde said a cut in June was likely if wage growth keeps slowing. Policymakers in Frankfurt raised their growth forecast for the euro zone slightly, citing lower energy prices, while warning that services inflation remained stubborn. Markets moved to price three cuts this year after the meeting, and the euro slipped against the dollar as bond yields fell across the bloc.",
    ),
    (
        "floods.md",
        "Floods force thousands from homes in northern Italy",
        "2026-03-04",
        "Heavy rain caused rivers to burst their banks across Emilia-Romagna overnight, forcing more than 5,000 people to leave their homes, regional officials said on Wednesday. Firefighters used boats to reach villages cut off by the water near Ravenna, and schools were closed in Bologna and Forli. The civil protection agency said the rain would ease by the weekend but warned of landslides in the Apennine hills, where the ground was already saturated after a wet winter.",
    ),
    (
        "chips.md",
        "Chipmaker ASML beats forecasts on strong demand from Asia",
        "2026-03-03",
        "ASML reported quarterly sales above analysts' expectations on Tuesday, driven by orders from chipmakers in Taiwan and South Korea for its most advanced lithography machines. The Dutch company said its order book stood at a record and kept its outlook for the year, though it warned that export restrictions on sales to China would weigh on revenue in the second half. Shares rose 4 percent in Amsterdam, lifting the wider technology index.",
    ),
];

fn write(dir: &Path, name: &str, title: &str, date: &str, source: &str, paras: &[String]) {
    let text = format!(
        "---\ntitle: {title}\ndate: {date}\nsource: {source}\n---\n\n{}\n",
        paras.join("\n\n")
    );
    std::fs::write(dir.join(name), text).unwrap();
}

/// Write the folder; the wire story's three copies are `wire-reuters.md` (the earliest: its
/// group's representative), `wire-guardian.md` and `wire-dutchnews.md`.
pub fn write_corpus(dir: &Path) {
    let wire: Vec<String> = WIRE.iter().map(ToString::to_string).collect();
    write(
        dir,
        "wire-reuters.md",
        "Dock workers strike shuts Rotterdam port",
        "2026-03-02T09:00:00Z",
        "Reuters",
        &wire,
    );
    let mut guardian = wire.clone();
    guardian.push("The strike comes as ports across northern Europe face pressure from shipping lines to cut costs, and as unions in Antwerp and Hamburg prepare their own wage claims this spring.".into());
    guardian.push("Sign up for our Business Today newsletter. Reporting by the Guardian business desk.".into());
    write(
        dir,
        "wire-guardian.md",
        "Rotterdam port at a standstill as dockers walk out over pay",
        "2026-03-02T13:00:00Z",
        "The Guardian",
        &guardian,
    );
    let mut dutch = wire;
    dutch[0] = "Europe's largest port came to a halt on Monday morning when thousands of dock workers in Rotterdam downed tools in a dispute over pay and automation.".into();
    dutch.push("DutchNews.nl relies on its readers. Support us today.".into());
    write(
        dir,
        "wire-dutchnews.md",
        "Port strike: Rotterdam dockers down tools",
        "2026-03-02T16:30:00Z",
        "DutchNews",
        &dutch,
    );
    let follow: Vec<String> = FOLLOW_UP.iter().map(ToString::to_string).collect();
    write(
        dir,
        "followup.md",
        "Rotterdam dockers return to work after pay deal",
        "2026-03-05T10:00:00Z",
        "Reuters",
        &follow,
    );
    for (name, title, date, text) in OTHERS {
        write(dir, name, title, date, "Wire", &[text.to_string()]);
    }
}
