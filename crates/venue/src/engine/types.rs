use crate::api_error::ApiError;

macro_rules! wire_enum {
    ($name:ident, $param:literal, $code:literal, $msg:literal, { $($variant:ident => $text:literal),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            #[allow(dead_code, reason = "not every wire enum is rendered back")]
            pub const fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Result<Self, ApiError> {
                match text {
                    $($text => Ok(Self::$variant),)+
                    _ => Err(ApiError::bad($code, $msg)),
                }
            }
        }
    };
}

wire_enum!(Side, "side", -1117, "Invalid side.", { Buy => "BUY", Sell => "SELL" });
wire_enum!(Tif, "timeInForce", -1115, "Invalid timeInForce.", { Gtc => "GTC", Ioc => "IOC", Fok => "FOK" });
wire_enum!(OrderType, "type", -1116, "Invalid orderType.", {
    Limit => "LIMIT",
    LimitMaker => "LIMIT_MAKER",
    Market => "MARKET",
    StopLoss => "STOP_LOSS",
    StopLossLimit => "STOP_LOSS_LIMIT",
    TakeProfit => "TAKE_PROFIT",
    TakeProfitLimit => "TAKE_PROFIT_LIMIT",
});
wire_enum!(RespType, "newOrderRespType", -1130, "Invalid data sent for a parameter.", { Ack => "ACK", Result => "RESULT", Full => "FULL" });

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderStatus {
    New,
    PartiallyFilled,
    Filled,
    Canceled,
    Expired,
}

impl OrderStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::New => "NEW",
            Self::PartiallyFilled => "PARTIALLY_FILLED",
            Self::Filled => "FILLED",
            Self::Canceled => "CANCELED",
            Self::Expired => "EXPIRED",
        }
    }

    pub const fn is_open(self) -> bool {
        matches!(self, Self::New | Self::PartiallyFilled)
    }
}

impl OrderType {
    pub const fn is_stop(self) -> bool {
        matches!(
            self,
            Self::StopLoss | Self::StopLossLimit | Self::TakeProfit | Self::TakeProfitLimit
        )
    }

    pub const fn has_limit_price(self) -> bool {
        matches!(
            self,
            Self::Limit | Self::LimitMaker | Self::StopLossLimit | Self::TakeProfitLimit
        )
    }

    pub const fn needs_tif(self) -> bool {
        matches!(
            self,
            Self::Limit | Self::StopLossLimit | Self::TakeProfitLimit
        )
    }

    pub const fn triggers_above(self, side: Side) -> bool {
        matches!(
            (self, side),
            (Self::StopLoss | Self::StopLossLimit, Side::Buy)
                | (Self::TakeProfit | Self::TakeProfitLimit, Side::Sell)
        )
    }
}
