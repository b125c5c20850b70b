/*
 * SMSC LAN9118 (and the register-compatible LAN9220 of the MPS2 boards):
 * the registers and bits this driver uses. 32-bit bus mode; offsets from
 * the controller's base address.
 */
#ifndef LAN9118_REGS_H
#define LAN9118_REGS_H

/* ------------------------------------------------------------ FIFO ports */
#define LAN9118_RX_DATA_FIFO          0x00U /* 0x00..0x1C alias one port */
#define LAN9118_TX_DATA_FIFO          0x20U /* 0x20..0x3C alias one port */
#define LAN9118_RX_STATUS_FIFO        0x40U
#define LAN9118_RX_STATUS_PEEK        0x44U
#define LAN9118_TX_STATUS_FIFO        0x48U
#define LAN9118_TX_STATUS_PEEK        0x4CU

/* ------------------------------------------------------------ system CSRs */
#define LAN9118_ID_REV                0x50U
#define LAN9118_IRQ_CFG               0x54U
#define LAN9118_INT_STS               0x58U
#define LAN9118_INT_EN                0x5CU
#define LAN9118_BYTE_TEST             0x64U
#define LAN9118_FIFO_INT              0x68U
#define LAN9118_RX_CFG                0x6CU
#define LAN9118_TX_CFG                0x70U
#define LAN9118_HW_CFG                0x74U
#define LAN9118_RX_DP_CTRL            0x78U
#define LAN9118_RX_FIFO_INF           0x7CU
#define LAN9118_TX_FIFO_INF           0x80U
#define LAN9118_PMT_CTRL              0x84U
#define LAN9118_GPIO_CFG              0x88U
#define LAN9118_FREE_RUN              0x9CU
#define LAN9118_RX_DROP               0xA0U
#define LAN9118_MAC_CSR_CMD           0xA4U
#define LAN9118_MAC_CSR_DATA          0xA8U
#define LAN9118_AFC_CFG               0xACU

#define LAN9118_BYTE_TEST_VALUE       0x87654321UL

/* IRQ_CFG: the IRQ pin. It is active-low open-drain after reset; this
 * board's interrupt input wants active-high push-pull (POL and TYPE set),
 * otherwise the line reads as asserted while nothing is pending. */
#define LAN9118_IRQ_CFG_INT_DEAS_SHIFT    24U   /* de-assertion interval, 10 us units */
#define LAN9118_IRQ_CFG_IRQ_INT           ( 1UL << 12 ) /* read-only: an enabled source is pending */
#define LAN9118_IRQ_CFG_IRQ_EN            ( 1UL << 8 )
#define LAN9118_IRQ_CFG_IRQ_POL           ( 1UL << 4 )  /* 1 = active high */
#define LAN9118_IRQ_CFG_IRQ_TYPE          ( 1UL << 0 )  /* 1 = push-pull */

/* INT_STS / INT_EN (status bits are write-one-to-clear). */
#define LAN9118_INT_SW                ( 1UL << 31 )
#define LAN9118_INT_TXSTOP            ( 1UL << 25 )
#define LAN9118_INT_RXSTOP            ( 1UL << 24 )
#define LAN9118_INT_RXDFH             ( 1UL << 23 )
#define LAN9118_INT_TX_IOC            ( 1UL << 21 )
#define LAN9118_INT_RXD               ( 1UL << 20 )
#define LAN9118_INT_GPT               ( 1UL << 19 )
#define LAN9118_INT_PHY               ( 1UL << 18 )
#define LAN9118_INT_PME               ( 1UL << 17 )
#define LAN9118_INT_TXSO              ( 1UL << 16 )
#define LAN9118_INT_RWT               ( 1UL << 15 )
#define LAN9118_INT_RXE               ( 1UL << 14 )
#define LAN9118_INT_TXE               ( 1UL << 13 )
#define LAN9118_INT_TDFU              ( 1UL << 11 )
#define LAN9118_INT_TDFO              ( 1UL << 10 )
#define LAN9118_INT_TDFA              ( 1UL << 9 )
#define LAN9118_INT_TSFF              ( 1UL << 8 )
#define LAN9118_INT_TSFL              ( 1UL << 7 )
#define LAN9118_INT_RXDF              ( 1UL << 6 )
#define LAN9118_INT_RDFL              ( 1UL << 5 )
#define LAN9118_INT_RSFF              ( 1UL << 4 )
#define LAN9118_INT_RSFL              ( 1UL << 3 )  /* RX status FIFO above its level */

/* FIFO_INT: interrupt levels. */
#define LAN9118_FIFO_INT_TDAL_SHIFT   24U   /* TX data available level */
#define LAN9118_FIFO_INT_TSL_SHIFT    16U   /* TX status level */
#define LAN9118_FIFO_INT_RSL_SHIFT    0U    /* RX status level: RSFL when count > level */

/* RX_CFG */
#define LAN9118_RX_CFG_RX_DUMP        ( 1UL << 15 )
#define LAN9118_RX_CFG_RXDOFF_SHIFT   8U    /* bytes of padding before each frame */

/* TX_CFG */
#define LAN9118_TX_CFG_TXS_DUMP       ( 1UL << 15 )
#define LAN9118_TX_CFG_TXD_DUMP       ( 1UL << 14 )
#define LAN9118_TX_CFG_TXSAO          ( 1UL << 2 )  /* TX status FIFO may overrun */
#define LAN9118_TX_CFG_TX_ON          ( 1UL << 1 )

/* HW_CFG */
#define LAN9118_HW_CFG_SRST           ( 1UL << 0 )

/* PMT_CTRL */
#define LAN9118_PMT_CTRL_READY        ( 1UL << 0 )

/* RX_FIFO_INF / TX_FIFO_INF */
#define LAN9118_RX_FIFO_INF_RXSUSED( v )    ( ( ( v ) >> 16 ) & 0xFFU )
#define LAN9118_RX_FIFO_INF_RXDUSED( v )    ( ( v ) & 0xFFFFU )
#define LAN9118_TX_FIFO_INF_TDFREE( v )     ( ( v ) & 0xFFFFU )

/* RX status word */
#define LAN9118_RX_STS_LENGTH( v )          ( ( ( v ) >> 16 ) & 0x3FFFU ) /* with the 4-byte FCS */
#define LAN9118_RX_STS_ERROR                ( 1UL << 15 )                 /* error summary */

/* TX command words */
#define LAN9118_TXA_IOC                     ( 1UL << 31 )
#define LAN9118_TXA_OFFSET_SHIFT            16U  /* data start offset, bytes 0..31 */
#define LAN9118_TXA_FIRST_SEG               ( 1UL << 13 )
#define LAN9118_TXA_LAST_SEG                ( 1UL << 12 )
#define LAN9118_TXA_SIZE_MASK               0x7FFUL
#define LAN9118_TXB_TAG_SHIFT               16U
#define LAN9118_TXB_LENGTH_MASK             0x7FFUL

/* MAC_CSR_CMD: indirect access to the MAC registers. */
#define LAN9118_MAC_CSR_BUSY                ( 1UL << 31 )
#define LAN9118_MAC_CSR_READ                ( 1UL << 30 )

/* MAC registers (indices for MAC_CSR_CMD). */
#define LAN9118_MAC_CR                      1U
#define LAN9118_MAC_ADDRH                   2U
#define LAN9118_MAC_ADDRL                   3U
#define LAN9118_MAC_HASHH                   4U
#define LAN9118_MAC_HASHL                   5U
#define LAN9118_MAC_MII_ACC                 6U
#define LAN9118_MAC_MII_DATA                7U
#define LAN9118_MAC_FLOW                    8U

/* MAC_CR */
#define LAN9118_MAC_CR_RXALL                ( 1UL << 31 )
#define LAN9118_MAC_CR_FDPX                 ( 1UL << 20 )
#define LAN9118_MAC_CR_MCPAS                ( 1UL << 19 )
#define LAN9118_MAC_CR_PRMS                 ( 1UL << 18 ) /* promiscuous: set after reset */
#define LAN9118_MAC_CR_BCAST                ( 1UL << 11 ) /* 1 = drop broadcasts */
#define LAN9118_MAC_CR_TXEN                 ( 1UL << 3 )
#define LAN9118_MAC_CR_RXEN                 ( 1UL << 2 )

/* MII_ACC */
#define LAN9118_MII_ACC_PHY_SHIFT           11U
#define LAN9118_MII_ACC_REG_SHIFT           6U
#define LAN9118_MII_ACC_WRITE               ( 1UL << 1 )
#define LAN9118_MII_ACC_BUSY                ( 1UL << 0 )
#define LAN9118_INTERNAL_PHY_ADDRESS        1U

/* PHY registers (IEEE 802.3 clause 22 plus the vendor interrupt pair). */
#define LAN9118_PHY_BMCR                    0U
#define LAN9118_PHY_BMSR                    1U
#define LAN9118_PHY_ID1                     2U
#define LAN9118_PHY_ID2                     3U
#define LAN9118_PHY_ANAR                    4U
#define LAN9118_PHY_INT_SOURCE              29U /* reading clears */
#define LAN9118_PHY_INT_MASK                30U

#define LAN9118_BMCR_RESET                  ( 1U << 15 )
#define LAN9118_BMCR_LOOPBACK               ( 1U << 14 )
#define LAN9118_BMCR_AN_ENABLE              ( 1U << 12 )
#define LAN9118_BMCR_AN_RESTART             ( 1U << 9 )
#define LAN9118_BMSR_AN_COMPLETE            ( 1U << 5 )
#define LAN9118_BMSR_LINK_UP                ( 1U << 2 )
#define LAN9118_ANAR_DEFAULT                0x01E1U /* 10/100, half/full, IEEE 802.3 */
#define LAN9118_PHY_INT_AN_COMPLETE         ( 1U << 6 )
#define LAN9118_PHY_INT_LINK_DOWN           ( 1U << 4 )

#endif /* LAN9118_REGS_H */
