//! `petrel export`, `petrel query`, `petrel stats`.

#[derive(clap::Args)]
pub struct ExportArgs {}
#[derive(clap::Args)]
pub struct QueryArgs {}
#[derive(clap::Args)]
pub struct StatsArgs {}

pub fn export(_args: ExportArgs) -> anyhow::Result<()> {
    anyhow::bail!("`petrel export` is not built yet")
}
pub fn query(_args: QueryArgs) -> anyhow::Result<()> {
    anyhow::bail!("`petrel query` is not built yet")
}
pub fn stats(_args: StatsArgs) -> anyhow::Result<()> {
    anyhow::bail!("`petrel stats` is not built yet")
}
