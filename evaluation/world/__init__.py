"""Seeded synthetic world: latent truth, partial noisy Dutch records, placement history, graded qrels."""

from evaluation.world.generate import World, default_n_packages, generate_world
from evaluation.world.main import world_main
from evaluation.world.write import write_world

__all__ = ["World", "default_n_packages", "generate_world", "world_main", "write_world"]
