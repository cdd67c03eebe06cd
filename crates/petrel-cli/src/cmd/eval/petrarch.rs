//! `petrel eval petrarch-suite` and `petrel eval tabari-suite`.

#[derive(clap::Args)]
pub struct PetrarchArgs {}
#[derive(clap::Args)]
pub struct TabariArgs {}

pub fn run_petrarch(_args: PetrarchArgs) -> anyhow::Result<()> {
    anyhow::bail!("`petrel eval petrarch-suite` is not built yet")
}
pub fn run_tabari(_args: TabariArgs) -> anyhow::Result<()> {
    anyhow::bail!("`petrel eval tabari-suite` is not built yet")
}
