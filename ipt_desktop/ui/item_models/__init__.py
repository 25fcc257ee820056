"""item_models"""
