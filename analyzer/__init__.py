"""rectification-analyzer: check inspection rectification reports (巡察整改报告) against their feedback."""

__version__ = "0.1.0"
