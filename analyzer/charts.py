"""Charts for analysts, drawn with matplotlib in a CJK font shipped by the mplfonts package (Noto Sans CJK
SC), so Chinese labels render offline without tofu boxes."""

import functools
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the headless backend)
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib import font_manager  # noqa: E402

FONT_FILE = "NotoSansCJKsc-Regular.otf"


@functools.cache
def cjk_font() -> font_manager.FontProperties:
    import mplfonts

    path = Path(mplfonts.__file__).parent / "fonts" / FONT_FILE
    font_manager.fontManager.addfont(str(path))
    properties = font_manager.FontProperties(fname=str(path))
    plt.rcParams["font.family"] = properties.get_name()
    plt.rcParams["axes.unicode_minus"] = False
    return properties


def score_by_township(reports: pd.DataFrame, path: Path) -> Path:
    """Box plot of scores per township, every report a dot, the sound line at 80."""
    cjk_font()
    townships = sorted(reports["乡镇"].unique())
    fig, ax = plt.subplots(figsize=(max(6, 1.6 * len(townships)), 4.5), dpi=120)
    data = [reports.loc[reports["乡镇"] == t, "得分"].to_numpy() for t in townships]
    ax.boxplot(data, tick_labels=townships, widths=0.5)
    for i, scores in enumerate(data, start=1):
        ax.scatter(np.full(len(scores), i) + np.linspace(-0.08, 0.08, len(scores)), scores, s=18, zorder=3)
    ax.axhline(80, linestyle="--", linewidth=1, color="tab:green")
    ax.text(0.55, 82.5, "合格线 80", color="tab:green", fontsize=9)
    ax.set_ylim(0, 100)
    ax.set_ylabel("得分")
    ax.set_title("各乡镇整改报告得分分布")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def pattern_heatmap(matrix: pd.DataFrame, path: Path) -> Path:
    """Counts of each failure pattern per township."""
    cjk_font()
    fig, ax = plt.subplots(figsize=(max(6, 1.3 * matrix.shape[1] + 3), 0.5 * matrix.shape[0] + 2), dpi=120)
    image = ax.imshow(matrix.to_numpy(), cmap="OrRd", aspect="auto")
    ax.set_xticks(range(matrix.shape[1]), matrix.columns)
    ax.set_yticks(range(matrix.shape[0]), matrix.index)
    values = matrix.to_numpy()
    for (i, j), value in np.ndenumerate(values):
        dark = value > 0.6 * values.max()
        ax.text(j, i, int(value), ha="center", va="center", fontsize=9, color="white" if dark else "black")
    fig.colorbar(image, ax=ax, label="问题数")
    ax.set_title("问题类型 × 乡镇 频次")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path
