//! `petrel eval pentaclass`.

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`petrel eval pentaclass` is not built yet")
}
