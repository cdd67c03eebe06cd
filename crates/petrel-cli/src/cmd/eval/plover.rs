//! `petrel eval plover`.

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`petrel eval plover` is not built yet")
}
